import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { Finding, SEVERITIES } from "./findings";

// The last validation of each host. The deployed CA fingerprints are kept beside the findings so
// the next host of the cluster can be compared with this one without reading it again.
export const StoredValidation = z.object({
  findings: z.array(Finding),
  counts: z.record(z.enum(SEVERITIES), z.number().int()),
  caFingerprints: z.array(z.string()),
  jobId: z.string().nullable(),
});
export type StoredValidation = z.infer<typeof StoredValidation>;

export const HostValidationView = StoredValidation.extend({ hostId: z.string(), checkedAt: z.iso.datetime() });
export type HostValidationView = z.infer<typeof HostValidationView>;

export async function saveValidation(db: Db, hostId: string, v: StoredValidation, at: Date): Promise<void> {
  const data = JSON.stringify(StoredValidation.parse(v));
  await db.hostValidation.upsert({ where: { hostId }, create: { hostId, data, checkedAt: at }, update: { data, checkedAt: at } });
}

export async function readValidation(db: Db, hostId: string): Promise<HostValidationView | null> {
  const row = await db.hostValidation.findUnique({ where: { hostId } });
  return row ? { hostId, checkedAt: row.checkedAt.toISOString(), ...StoredValidation.parse(JSON.parse(row.data)) } : null;
}

// The CA files the other hosts of the cluster held at their last validation.
export async function peerCaFingerprints(db: Db, host: { id: string; clusterId: string }): Promise<{ hostName: string; fingerprints: string[] }[]> {
  const rows = await db.hostValidation.findMany({
    where: { hostId: { not: host.id }, host: { clusterId: host.clusterId } },
    select: { data: true, host: { select: { name: true } } },
  });
  return rows.map((r) => ({ hostName: r.host.name, fingerprints: StoredValidation.parse(JSON.parse(r.data)).caFingerprints }));
}

// The DN of every host's current client certificate: the list each host's tls_allowed_dn_list must admit.

// The host's current issued pair (revoked or not: a revoked pair is its own finding).
export async function currentIssuedSerials(db: Db, hostId: string): Promise<{ server: string; client: string } | null> {
  const rows = await db.certificate.findMany({ where: { hostId, source: "issued", current: true }, select: { kind: true, serial: true } });
  const server = rows.find((r) => r.kind === "server")?.serial;
  const client = rows.find((r) => r.kind === "client")?.serial;
  return server && client ? { server, client } : null;
}
