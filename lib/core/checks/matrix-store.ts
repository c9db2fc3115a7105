import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { Id, parseInput } from "@/lib/core/validation";
import type { PortCell } from "./probe-ports";
import type { PortState } from "./parse-port-probes";
import type { TlsCell, TlsState } from "./tls-probe";

export const DASHBOARD_SOURCE = "dashboard";

export const MatrixQuery = z.object({ clusterId: Id.optional() });
export type MatrixQuery = z.infer<typeof MatrixQuery>;

export interface PortMatrixEntry {
  sourceId: string;
  destId: string;
  port: number;
  state: PortState;
  error: string | null;
  checkedAt: string;
}

export interface TlsMatrixEntry {
  sourceId: string;
  destId: string;
  target: string;
  state: TlsState;
  error?: string;
  checkedAt: string;
}

// A check replaces everything a source knew about the destinations it probed, so a changed
// migration range leaves no stale ports behind.
export async function savePortCells(db: Db, sourceId: string, cells: readonly PortCell[], at: Date): Promise<void> {
  const dests = [...new Set(cells.map((c) => c.destId))];
  await db.$transaction([
    db.portProbe.deleteMany({ where: { sourceId, destId: { in: dests } } }),
    ...cells.map((c) => db.portProbe.create({ data: { sourceId, destId: c.destId, port: c.port, state: c.state, error: c.error, checkedAt: at } })),
  ]);
}

// destIds: every destination in scope, so a host that stopped serving TLS loses its old cell.
export async function saveTlsCells(db: Db, sourceId: string, destIds: readonly string[], cells: readonly TlsCell[], at: Date): Promise<void> {
  await db.$transaction([
    db.tlsProbe.deleteMany({ where: { sourceId, destId: { in: [...destIds] } } }),
    ...cells.map((c) => db.tlsProbe.create({ data: { sourceId, destId: c.destId, target: c.target, state: c.state, error: c.error, checkedAt: at } })),
  ]);
}

// The hosts in scope; rows of deleted hosts fall out here (the probe tables have no relations).
async function hostIdsOf(db: Db, q: MatrixQuery): Promise<string[]> {
  const hosts = await db.host.findMany({ where: q.clusterId ? { clusterId: q.clusterId } : {}, select: { id: true } });
  return hosts.map((h) => h.id);
}

export async function listPortMatrix(db: Db, input: unknown = {}): Promise<PortMatrixEntry[]> {
  const q = parseInput(MatrixQuery, input);
  const ids = await hostIdsOf(db, q);
  const rows = await db.portProbe.findMany({
    where: { destId: { in: ids }, sourceId: { in: [...ids, DASHBOARD_SOURCE] } },
    orderBy: [{ sourceId: "asc" }, { destId: "asc" }, { port: "asc" }],
  });
  return rows.map((r) => ({ sourceId: r.sourceId, destId: r.destId, port: r.port, state: r.state as PortState, error: r.error, checkedAt: r.checkedAt.toISOString() }));
}

export async function listTlsMatrix(db: Db, input: unknown = {}): Promise<TlsMatrixEntry[]> {
  const q = parseInput(MatrixQuery, input);
  const ids = await hostIdsOf(db, q);
  const rows = await db.tlsProbe.findMany({ where: { destId: { in: ids }, sourceId: { in: ids } }, orderBy: [{ sourceId: "asc" }, { destId: "asc" }] });
  return rows.map((r) => ({
    sourceId: r.sourceId, destId: r.destId, target: r.target, state: r.state as TlsState,
    ...(r.error ? { error: r.error } : {}), checkedAt: r.checkedAt.toISOString(),
  }));
}
