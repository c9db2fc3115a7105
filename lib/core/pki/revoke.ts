import type { CoreContext, Db } from "@/lib/core/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { createCrl, type CaMaterial } from "@/lib/core/x509";
import { activeCaRow, caMaterial } from "@/lib/core/pki/authority";
import { getHost } from "@/lib/core/inventory/hosts";

export const REVOCATION_REASONS = ["unspecified", "keyCompromise", "superseded", "cessationOfOperation"] as const;

// Read the revoked list, bump the number, sign and store in one transaction: two revocations at
// once can neither publish a CRL that misses the other nor overwrite a newer one.
async function publishInTransaction(tx: Prisma.TransactionClient, ca: { id: string; material: CaMaterial }, now: Date) {
  const revoked = await tx.certificate.findMany({ where: { caId: ca.id, revokedAt: { not: null } }, select: { serial: true, revokedAt: true } });
  const { crlNumber } = await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: { increment: 1 } } });
  const crlPem = createCrl({ ca: ca.material, revoked: revoked.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt! })), now, crlNumber });
  await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlPem, crlUpdatedAt: now } });
  return { crlNumber, crlPem, revokedCount: revoked.length };
}

// Revokes every certificate ever issued to the host that is not revoked yet (superseded ones too:
// a leaked key stays leaked after a re-issue), and publishes the new CRL in the same transaction.
export async function revokeHostCertificates(ctx: CoreContext, hostId: string, reason: string = "unspecified") {
  requirePermission(ctx.actor, "ca:admin");
  const host = await getHost(ctx.db, hostId);
  const ca = await caMaterial(ctx);
  const now = ctx.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { hostId, source: "issued", revokedAt: null },
      data: { revokedAt: now, revocationReason: reason, current: false },
    });
    if (count === 0) throw new DomainError("NOT_FOUND", `${host.name} has no certificates left to revoke`);
    return { revoked: count, ...(await publishInTransaction(tx, ca, now)) };
  });
  await recordAudit(ctx, { action: "certificate.revoke", targetType: "host", targetId: hostId, detail: { count: result.revoked, reason, crlNumber: result.crlNumber } });
  return { revoked: result.revoked, crlNumber: result.crlNumber, crlPem: result.crlPem };
}

export async function publishCrl(ctx: CoreContext): Promise<{ crlNumber: number; crlPem: string }> {
  const ca = await caMaterial(ctx);
  const { crlNumber, crlPem, revokedCount } = await ctx.db.$transaction((tx) => publishInTransaction(tx, ca, ctx.now()));
  await recordAudit(ctx, { action: "ca.publish-crl", targetType: "ca", targetId: ca.id, detail: { crlNumber, revoked: revokedCount } });
  return { crlNumber, crlPem };
}

// Reading never publishes: the first CRL is made with the CA itself.
export async function currentCrl(db: Db): Promise<string> {
  const ca = await activeCaRow(db);
  if (!ca?.crlPem) throw new DomainError("NOT_FOUND", ca ? "This CA has no published CRL (certificates are managed externally)" : "No certificate authority yet");
  return ca.crlPem;
}
