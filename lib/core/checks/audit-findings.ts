import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { Id, parseInput } from "@/lib/core/validation";
import { AUDIT_RULES, SEVERITIES, actionFor, type AuditHost, type Severity } from "./audit-rules";
import { parseStoredFacts } from "./check-hosts";

export interface Finding {
  hostId: string;
  hostName: string;
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
  evidence: string;
  action: string;
}

export const FindingsQuery = z.object({
  clusterId: Id.optional(),
  hostId: Id.optional(),
  severity: z.enum(SEVERITIES).optional(),
});

const rank = (s: Severity) => SEVERITIES.indexOf(s);

// Pure: every rule over every host, worst first.
export function evaluateAudit(hosts: readonly AuditHost[], now: Date): Finding[] {
  const out: Finding[] = [];
  for (const h of hosts) {
    for (const rule of AUDIT_RULES) {
      for (const hit of rule.check(h, now)) {
        out.push({ hostId: h.id, hostName: h.name, rule: rule.rule, severity: hit.severity ?? rule.severity, message: hit.message, fix: hit.fix ?? rule.fix, evidence: hit.evidence, action: actionFor(rule, h) });
      }
    }
  }
  return out.sort((a, b) => rank(a.severity) - rank(b.severity) || a.hostName.localeCompare(b.hostName) || a.rule.localeCompare(b.rule));
}

// What the audit reads: stored facts, the certificates in force (issued and scanned, one per
// serial), the cluster policy and the pin. No SSH: the audit is as fresh as the last facts.
export async function loadAuditHosts(db: Db, where: { clusterId?: string; hostId?: string } = {}): Promise<AuditHost[]> {
  const rows = await db.host.findMany({
    where: { ...(where.clusterId ? { clusterId: where.clusterId } : {}), ...(where.hostId ? { id: where.hostId } : {}) },
    include: {
      facts: true,
      cluster: { select: { name: true, policy: true } },
      certificates: { where: { current: true, revokedAt: null, kind: { in: ["server", "client"] } }, select: { kind: true, source: true, path: true, serial: true, notAfter: true } },
    },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => {
    const seen = new Set<string>();
    const certificates = r.certificates.filter((c) => !seen.has(`${c.kind} ${c.serial}`) && seen.add(`${c.kind} ${c.serial}`));
    return {
      id: r.id, name: r.name, clusterId: r.clusterId, clusterName: r.cluster.name, policy: r.cluster.policy,
      sshUser: r.sshUser, hostKeyPinned: r.hostKeyFingerprint !== null, facts: parseStoredFacts(r.facts?.data), certificates,
    };
  });
}

export async function listAuditFindings(db: Db, now: Date, input: unknown = {}): Promise<Finding[]> {
  const q = parseInput(FindingsQuery, input);
  const findings = evaluateAudit(await loadAuditHosts(db, q), now);
  return q.severity ? findings.filter((f) => f.severity === q.severity) : findings;
}
