import type { Db } from "@/lib/core/context";

export interface FleetSummary {
  clusters: number;
  hosts: number;
  hostKeysPinned: number;
  hostKeysUnpinned: number;
  hostsWithFacts: number;
  jobsRunning: number;
  jobsFailed: number;
}

// The overview's counters, counted by the database rather than by loading every row.
export async function fleetSummary(db: Db): Promise<FleetSummary> {
  const [clusters, hosts, hostKeysPinned, hostsWithFacts, jobsRunning, jobsFailed] = await Promise.all([
    db.cluster.count(),
    db.host.count(),
    db.host.count({ where: { hostKeyFingerprint: { not: null } } }),
    db.hostFacts.count(),
    db.job.count({ where: { state: { in: ["queued", "running"] } } }),
    db.job.count({ where: { state: { in: ["failed", "interrupted"] } } }),
  ]);
  return { clusters, hosts, hostKeysPinned, hostKeysUnpinned: hosts - hostKeysPinned, hostsWithFacts, jobsRunning, jobsFailed };
}
