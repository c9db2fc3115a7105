import type { Db } from "@/lib/core/context";
import { parseStoredFacts } from "./check-hosts";
import { classifyHostTls, UNREACHABLE_CODES, type HostTlsState } from "./host-tls-state";

export interface HostTlsRow {
  hostId: string;
  hostName: string;
  clusterId: string;
  state: HostTlsState;
  reason: string;
}

// Jobs that open SSH to their host: their outcome says whether the dashboard reaches it.
const SSH_KINDS = ["facts", "port-check-source"];

// Every host's TLS state from what is stored: facts, provisioning, and the last SSH jobs.
export async function loadHostTlsStates(db: Db, where: { clusterId?: string } = {}): Promise<HostTlsRow[]> {
  const hosts = await db.host.findMany({
    where: where.clusterId ? { clusterId: where.clusterId } : {},
    select: { id: true, name: true, clusterId: true, facts: true, provision: { select: { mode: true, appliedAt: true } } },
    orderBy: { name: "asc" },
  });
  if (hosts.length === 0) return [];
  // The jobs of the same hosts by relation, not a list of ids: SQLite refuses past 999 bound
  // parameters, and a fleet of 1,000 hosts got the overview a 500 (found by bench/figures/dashboard.ts).
  const ofHosts = where.clusterId ? { host: { clusterId: where.clusterId } } : { hostId: { not: null } };
  const [ok, failed] = await Promise.all([
    db.job.groupBy({ by: ["hostId"], where: { ...ofHosts, kind: { in: SSH_KINDS }, state: "succeeded" }, _max: { finishedAt: true } }),
    db.job.findMany({
      where: { ...ofHosts, kind: { in: SSH_KINDS }, state: "failed", errorCode: { in: [...UNREACHABLE_CODES] } },
      select: { hostId: true, finishedAt: true, error: true },
      orderBy: { finishedAt: "desc" },
    }),
  ]);
  const reached = new Map(ok.map((r) => [r.hostId, r._max.finishedAt]));
  const failure = new Map<string, { at: Date; message: string }>();
  for (const f of failed) {
    if (f.hostId && f.finishedAt && !failure.has(f.hostId)) failure.set(f.hostId, { at: f.finishedAt, message: f.error ?? "SSH connection failed" });
  }
  return hosts.map((h) => {
    const verdict = classifyHostTls({
      facts: parseStoredFacts(h.facts?.data),
      factsGatheredAt: h.facts?.gatheredAt ?? null,
      provision: h.provision,
      lastReached: reached.get(h.id) ?? null,
      lastFailure: failure.get(h.id) ?? null,
    });
    return { hostId: h.id, hostName: h.name, clusterId: h.clusterId, ...verdict };
  });
}
