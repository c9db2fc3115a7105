import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { parseInput } from "@/lib/core/validation";
import { Id } from "@/lib/core/validation";
import { listQuery, pageOf, pageWindow, type Page } from "@/lib/core/paging";
import { TlsEvidence, type Transport } from "./tls-evidence";

export const OUTCOMES = ["succeeded", "failed", "aborted"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const TRANSPORTS = ["tls", "plain", "unproven"] as const;

export const MigrationFlags = z.object({
  live: z.boolean(),
  p2p: z.boolean(),
  tls: z.boolean(),
  copyStorage: z.boolean(),
  persistent: z.boolean(),
  parallelConnections: z.number().nullable(),
  migrateUri: z.string().nullable(),
  destUri: z.string(),
});
export type MigrationFlags = z.infer<typeof MigrationFlags>;

export const MigrationView = z.object({
  id: z.string(),
  jobId: z.string(),
  domain: z.string(),
  source: z.object({ id: z.string().nullable(), name: z.string() }),
  dest: z.object({ id: z.string().nullable(), name: z.string() }),
  transport: z.enum(TRANSPORTS),
  flags: MigrationFlags,
  tlsEvidence: TlsEvidence.nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().nullable(),
  bytes: z.number().nullable(),
  avgSpeed: z.number().nullable(),
  peakSpeed: z.number().nullable(),
  downtimeMs: z.number().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  error: z.string().nullable(),
  explanation: z.string().nullable(),
  createdBy: z.string(),
});
export type MigrationView = z.infer<typeof MigrationView>;

type Row = NonNullable<Awaited<ReturnType<Db["migration"]["findUnique"]>>>;

export function toMigrationView(r: Row): MigrationView {
  return {
    id: r.id,
    jobId: r.jobId,
    domain: r.domain,
    source: { id: r.sourceHostId, name: r.sourceName },
    dest: { id: r.destHostId, name: r.destName },
    transport: r.transport as Transport,
    flags: MigrationFlags.parse(JSON.parse(r.flags)),
    tlsEvidence: r.tlsEvidence ? TlsEvidence.parse(JSON.parse(r.tlsEvidence)) : null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    bytes: r.bytes,
    avgSpeed: r.avgSpeed,
    peakSpeed: r.peakSpeed,
    downtimeMs: r.downtimeMs,
    outcome: r.outcome as Outcome | null,
    error: r.error,
    explanation: r.explanation,
    createdBy: r.createdBy,
  };
}

export interface NewMigration {
  jobId: string;
  domain: string;
  source: { id: string; name: string };
  dest: { id: string; name: string };
  transport: Transport;
  flags: MigrationFlags;
  startedAt: Date;
  createdBy: string;
}

export async function startMigrationRecord(db: Db, m: NewMigration): Promise<string> {
  const row = await db.migration.create({
    data: { jobId: m.jobId, domain: m.domain, sourceHostId: m.source.id, sourceName: m.source.name, destHostId: m.dest.id, destName: m.dest.name, transport: m.transport, flags: JSON.stringify(MigrationFlags.parse(m.flags)), startedAt: m.startedAt, createdBy: m.createdBy },
  });
  return row.id;
}

export interface MigrationEnd {
  outcome: Outcome;
  transport: Transport;
  tlsEvidence: TlsEvidence | null;
  finishedAt: Date;
  durationMs: number;
  bytes: number | null;
  avgSpeed: number | null;
  peakSpeed: number | null;
  downtimeMs: number | null;
  error: string | null;
  explanation: string | null;
}

export async function finishMigrationRecord(db: Db, id: string, e: MigrationEnd): Promise<void> {
  await db.migration.update({ where: { id }, data: { ...e, tlsEvidence: e.tlsEvidence ? JSON.stringify(e.tlsEvidence) : null } });
}

export const MIGRATION_SORTS = ["started", "domain", "outcome"] as const;
export const MigrationListQuery = listQuery(MIGRATION_SORTS, {
  hostId: Id.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  transport: z.enum(TRANSPORTS).optional(),
});
export type MigrationListQuery = z.input<typeof MigrationListQuery>;

// History, newest first: `hostId` matches either end, `q` the guest's or a host's name.
export async function pageMigrations(db: Db, input: unknown): Promise<Page<MigrationView>> {
  const q = parseInput(MigrationListQuery, input);
  const where = {
    outcome: q.outcome,
    transport: q.transport,
    AND: [
      q.hostId ? { OR: [{ sourceHostId: q.hostId }, { destHostId: q.hostId }] } : {},
      q.q ? { OR: [{ domain: { contains: q.q } }, { sourceName: { contains: q.q } }, { destName: { contains: q.q } }] } : {},
    ],
  };
  const dir = q.dir ?? (q.sort && q.sort !== "started" ? "asc" : "desc");
  const orderBy = q.sort === "domain" ? [{ domain: dir }, { startedAt: "desc" as const }] : q.sort === "outcome" ? [{ outcome: dir }, { startedAt: "desc" as const }] : [{ startedAt: dir }];
  const [rows, total] = await Promise.all([db.migration.findMany({ where, orderBy: [...orderBy, { id: "desc" as const }], ...pageWindow(q) }), db.migration.count({ where })]);
  return pageOf(rows.map(toMigrationView), total, q);
}
