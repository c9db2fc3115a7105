import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { revokeHostCertificates, type RevocationReason } from "@/lib/core/pki/revoke";
import { provisionedHostIds } from "@/lib/core/provision/redeploy";

// Revocation pushes the new CRL to every provisioned host but the revoked one (a fleet job).
export async function revokeAndDeploy(ctx: CoreContext, hostId: string, reason?: RevocationReason) {
  const revoked = await revokeHostCertificates(ctx, hostId, reason);
  const targets = await provisionedHostIds(ctx.db, { except: hostId });
  const deployJobId = targets.length ? (await enqueue(ctx, "provision-fleet", { hostIds: targets })).id : null;
  return { ...revoked, deployJobId };
}
