import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { signingCa } from "@/lib/core/pki/active-ca";
import { publishCrlInTransaction } from "@/lib/core/pki/crl";

export const REVOCATION_REASONS = ["unspecified", "keyCompromise", "superseded", "cessationOfOperation"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

interface Revoked {
  revoked: number;
  crlNumber: number;
  crlPem: string;
}

// Revokes every certificate ever issued to the host that is not revoked yet (superseded ones too:
// a leaked key stays leaked after a re-issue), and publishes the new CRL in the same transaction.
async function revokeIssued(ctx: CoreContext, hostId: string, reason: RevocationReason): Promise<Revoked | null> {
  const ca = await signingCa(ctx);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { hostId, source: "issued", revokedAt: null },
      data: { revokedAt: now, revocationReason: reason, current: false },
    });
    if (count === 0) return null;
    const crl = await publishCrlInTransaction(tx, ca, now);
    return { revoked: count, crlNumber: crl.crlNumber, crlPem: crl.crlPem };
  });
}

export async function revokeHostCertificates(ctx: CoreContext, hostId: string, reason: RevocationReason = "unspecified"): Promise<Revoked> {
  requirePermission(ctx.actor, "ca:admin");
  const host = await ctx.db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) throw new DomainError("NOT_FOUND", "No such host");
  const result = await revokeIssued(ctx, hostId, reason);
  if (!result) throw new DomainError("NOT_FOUND", `${host.name} has no certificates left to revoke`);
  await recordAudit(ctx, { action: "certificate.revoke", targetType: "host", targetId: hostId, detail: { count: result.revoked, reason, crlNumber: result.crlNumber } });
  return result;
}

// Deleting a host decommissions it: its keys must no longer be trusted by the rest of the fleet,
// so its issued certificates are revoked (cessationOfOperation) and its scanned ones stop being
// "current". The caller holds hosts:write; it runs this before deleting the row, so a failure
// here leaves the host in place rather than a deleted host with keys still trusted.
export async function retireHostCertificates(ctx: CoreContext, hostId: string): Promise<{ revoked: number; crlNumber: number | null }> {
  const pending = await ctx.db.certificate.count({ where: { hostId, source: "issued", revokedAt: null } });
  const result = pending > 0 ? await revokeIssued(ctx, hostId, "cessationOfOperation") : null;
  await ctx.db.certificate.updateMany({ where: { hostId, current: true }, data: { current: false } });
  if (result) {
    await recordAudit(ctx, {
      action: "certificate.revoke", targetType: "host", targetId: hostId,
      detail: { count: result.revoked, reason: "cessationOfOperation", crlNumber: result.crlNumber, cause: "host.delete" },
    });
  }
  return { revoked: result?.revoked ?? 0, crlNumber: result?.crlNumber ?? null };
}
