import type { Db } from "@/lib/core/context";
import { listCertificates } from "@/lib/core/pki/certificate-rows";
import { listAuditFindings, type Finding } from "./audit-findings";
import { SEVERITIES, type Severity } from "./audit-rules";
import { listBlockedPairs } from "./blocked-pairs";
import { countByReadiness, countByState, type HostTlsState, type Readiness } from "./host-tls-state";
import { loadHostTlsStates, type HostTlsRow } from "./load-host-tls-states";

// What the overview and the wall screen say at a glance, read from what is stored (no SSH).

export const WORST_FINDINGS = 5;
export const SOON_DAYS = 30;
export const WALL_DAYS = 7;

export interface ExpiringCertificate {
  id: string;
  hostId: string | null;
  hostName: string | null;
  kind: string;
  daysLeft: number;
  notAfter: string;
}

export interface FleetStatus {
  hosts: HostTlsRow[];
  states: Record<HostTlsState, number>;
  readiness: Record<Readiness, number>;
  findings: Record<Severity, number>;
  worstFindings: Finding[];
  certificates: { within7Days: number; within30Days: number; soonest: ExpiringCertificate[] };
  blockedPairs: number;
  jobsRunning: number;
}

async function expiring(db: Db, now: Date): Promise<FleetStatus["certificates"]> {
  const seen = new Set<string>();
  // Issued and scanned rows of one certificate count once; revoked ones are not in force.
  // Only the rows ending within the window are read: at 2,000 certificates reading them all was
  // most of the overview's time (the bench's figure 3).
  const before = new Date(now.getTime() + SOON_DAYS * 86_400_000);
  const live = (await listCertificates(db, now, { expiringBefore: before })).filter((c) => !c.revokedAt && !seen.has(`${c.kind} ${c.serial}`) && seen.add(`${c.kind} ${c.serial}`));
  const soon = live.filter((c) => c.daysLeft < SOON_DAYS);
  return {
    within7Days: soon.filter((c) => c.daysLeft < WALL_DAYS).length,
    within30Days: soon.length,
    soonest: soon.slice(0, 5).map((c) => ({ id: c.id, hostId: c.hostId, hostName: c.hostName, kind: c.kind, daysLeft: c.daysLeft, notAfter: c.notAfter })),
  };
}

export async function fleetStatus(db: Db, now: Date): Promise<FleetStatus> {
  const [hosts, findings, certificates, pairs, jobsRunning] = await Promise.all([
    loadHostTlsStates(db),
    listAuditFindings(db, now),
    expiring(db, now),
    listBlockedPairs(db),
    db.job.count({ where: { state: "running" } }),
  ]);
  const states = hosts.map((h) => h.state);
  return {
    hosts,
    states: countByState(states),
    readiness: countByReadiness(states),
    findings: Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>,
    // The audit lists worst first already; info findings are not "worst".
    worstFindings: findings.filter((f) => f.severity !== "info").slice(0, WORST_FINDINGS),
    certificates,
    blockedPairs: pairs.length,
    jobsRunning,
  };
}
