import type { Db } from "@/lib/core/context";
import { HostFacts } from "@/lib/core/facts/facts";

// What the checks need of a host: where to reach it and the facts last gathered (null when
// never gathered, or stored by an older version whose shape no longer parses).
export interface CheckHost {
  id: string;
  name: string;
  address: string;
  migrationAddress: string | null;
  sshUser: string;
  hostKeyFingerprint: string | null;
  clusterId: string;
  policy: string;
  facts: HostFacts | null;
  factsGatheredAt: Date | null;
}

export function parseStoredFacts(data: string | undefined): HostFacts | null {
  if (!data) return null;
  try {
    const r = HostFacts.safeParse(JSON.parse(data));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export async function loadCheckHosts(db: Db, where: { ids?: readonly string[]; clusterId?: string } = {}): Promise<CheckHost[]> {
  const rows = await db.host.findMany({
    where: { ...(where.ids ? { id: { in: [...where.ids] } } : {}), ...(where.clusterId ? { clusterId: where.clusterId } : {}) },
    include: { facts: true, cluster: { select: { policy: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    id: r.id, name: r.name, address: r.address, migrationAddress: r.migrationAddress, sshUser: r.sshUser,
    hostKeyFingerprint: r.hostKeyFingerprint, clusterId: r.clusterId, policy: r.cluster.policy,
    facts: parseStoredFacts(r.facts?.data), factsGatheredAt: r.facts?.gatheredAt ?? null,
  }));
}

// The migration path a source takes to a destination: its migration address, else its address.
export const migrationPath = (h: Pick<CheckHost, "address" | "migrationAddress">) => h.migrationAddress ?? h.address;

// Ordered pairs: chosen hosts pair with each other; otherwise hosts pair within their cluster
// (a migration never leaves its cluster).
export function sourcesAndDests(hosts: readonly CheckHost[], chosen: boolean): { source: CheckHost; dests: CheckHost[] }[] {
  return hosts
    .map((source) => ({ source, dests: hosts.filter((d) => d.id !== source.id && (chosen || d.clusterId === source.clusterId)) }))
    .filter((p) => p.dests.length > 0);
}
