import type { Db } from "@/lib/core/context";
import type { ChildSpec } from "@/lib/core/jobs/define-job";

// Hosts provisioning has converged at least once: renewed certificates and new CRLs go to them.
export async function provisionedHostIds(db: Db, opts: { only?: string[]; except?: string } = {}): Promise<string[]> {
  const rows = await db.hostProvision.findMany({
    where: { ...(opts.only ? { hostId: { in: opts.only } } : {}), ...(opts.except ? { hostId: { not: opts.except } } : {}), host: { hostKeyFingerprint: { not: null } } },
    select: { hostId: true },
  });
  return rows.map((r) => r.hostId);
}

// The same provisioning, so the plan carries only the changed files: a certificate-only change
// is reloaded with virt-admin server-update-tls, and running guests keep running.
export const redeployChildren = (hostIds: string[]): ChildSpec[] => hostIds.map((hostId) => ({ kind: "provision", input: { hostId, dryRun: false } }));
