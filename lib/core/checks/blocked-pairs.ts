import type { Db } from "@/lib/core/context";
import type { PortState } from "./parse-port-probes";
import type { TlsState } from "./tls-probe";
import { explainPortCell, explainTlsCell, groupOf, type Probe } from "./explain-cell";

// A pair blocks a TLS migration when, from the source, the destination's migration range or its
// 16514 does not get through (timeout, unreachable) or the TLS handshake fails. Refused on 16514
// is "TLS not enabled there", which the host's TLS state already says; it is left out here.

export interface BlockedProblem {
  layer: "migration" | "tls-port" | "handshake";
  label: string;
  explanation: string;
  fix: string;
  error: string | null;
  checkedAt: string;
}

export interface BlockedPair {
  sourceId: string;
  sourceName: string;
  destId: string;
  destName: string;
  problems: BlockedProblem[];
}

export interface PortRow {
  sourceId: string;
  destId: string;
  port: number;
  state: string;
  error: string | null;
  checkedAt: Date;
}

export interface TlsRow {
  sourceId: string;
  destId: string;
  target: string;
  state: string;
  error: string | null;
  checkedAt: Date;
}

const pairKey = (s: string, d: string) => `${s}\u0000${d}`;

// Pure: rows of hosts not in `names` (deleted hosts, the dashboard) are ignored.
export function findBlockedPairs(names: ReadonlyMap<string, string>, ports: readonly PortRow[], tls: readonly TlsRow[]): BlockedPair[] {
  const pairs = new Map<string, BlockedPair>();
  const add = (s: string, d: string, p: BlockedProblem) => {
    const k = pairKey(s, d);
    const pair = pairs.get(k) ?? { sourceId: s, sourceName: names.get(s)!, destId: d, destName: names.get(d)!, problems: [] };
    pair.problems.push(p);
    pairs.set(k, pair);
  };
  const known = (r: { sourceId: string; destId: string }) => names.has(r.sourceId) && names.has(r.destId);
  const migration = new Map<string, Probe[]>();
  for (const r of ports.filter(known)) {
    const probe: Probe = { port: r.port, state: r.state as PortState, error: r.error, checkedAt: r.checkedAt.toISOString() };
    const group = groupOf(r.port);
    if (group === "migration") migration.set(pairKey(r.sourceId, r.destId), [...(migration.get(pairKey(r.sourceId, r.destId)) ?? []), probe]);
    if (group === "tls" && (probe.state === "timeout" || probe.state === "unreachable")) {
      const e = explainPortCell("tls", [probe], { source: names.get(r.sourceId)!, dest: names.get(r.destId)! });
      add(r.sourceId, r.destId, { layer: "tls-port", label: `16514 ${e.label}`, explanation: e.explanation, fix: e.fix ?? "", error: probe.error, checkedAt: probe.checkedAt });
    }
  }
  for (const [k, probes] of migration) {
    const [s, d] = k.split("\u0000");
    const e = explainPortCell("migration", probes, { source: names.get(s)!, dest: names.get(d)! });
    if (e.tone !== "bad") continue;
    const worst = probes.find((p) => p.state === e.label);
    add(s, d, { layer: "migration", label: `migration ports ${e.label}`, explanation: e.explanation, fix: e.fix ?? "", error: worst?.error ?? null, checkedAt: worst?.checkedAt ?? probes[0].checkedAt });
  }
  for (const r of tls.filter(known)) {
    if (r.state === "ok") continue;
    const e = explainTlsCell(r.state as TlsState, { source: names.get(r.sourceId)!, dest: names.get(r.destId)!, target: r.target });
    add(r.sourceId, r.destId, { layer: "handshake", label: `TLS ${e.label}`, explanation: e.explanation, fix: e.fix ?? "", error: r.error, checkedAt: r.checkedAt.toISOString() });
  }
  return [...pairs.values()].sort((a, b) => a.sourceName.localeCompare(b.sourceName) || a.destName.localeCompare(b.destName));
}

// The blocked pairs of the fleet, of a cluster, or involving one host (either end).
export async function listBlockedPairs(db: Db, where: { hostId?: string; clusterId?: string } = {}): Promise<BlockedPair[]> {
  const hosts = await db.host.findMany({ where: where.clusterId ? { clusterId: where.clusterId } : {}, select: { id: true, name: true } });
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const ends = where.hostId ? { OR: [{ sourceId: where.hostId }, { destId: where.hostId }] } : {};
  const [ports, tls] = await Promise.all([
    // SSH and plain TCP never block a TLS migration.
    db.portProbe.findMany({ where: { ...ends, port: { notIn: [22, 16509] } } }),
    db.tlsProbe.findMany({ where: { ...ends, state: { not: "ok" } } }),
  ]);
  return findBlockedPairs(names, ports, tls);
}
