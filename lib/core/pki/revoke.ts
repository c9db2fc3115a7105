import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { createCrl } from "@/lib/core/ca";
import { caMaterial } from "@/lib/core/pki/authority";
import { getHost } from "@/lib/core/inventory/hosts";

export const REVOCATION_REASONS = ["unspecified", "keyCompromise", "superseded", "cessationOfOperation"] as const;

// Revokes the host's current issued certificates and publishes a new CRL.
export async function revokeHostCertificates(ctx: CoreContext, hostId: string, reason: string = "unspecified") {
  requirePermission(ctx.actor, "ca:admin");
  const host = await getHost(ctx.db, hostId);
  const now = ctx.now();
  const { count } = await ctx.db.certificate.updateMany({
    where: { hostId, source: "issued", current: true, revokedAt: null },
    data: { revokedAt: now, revocationReason: reason, current: false },
  });
  if (count === 0) throw new DomainError("NOT_FOUND", `${host.name} has no current certificates to revoke`);
  const crl = await publishCrl(ctx);
  await recordAudit(ctx, { action: "certificate.revoke", targetType: "host", targetId: hostId, detail: { count, reason, crlNumber: crl.crlNumber } });
  return { revoked: count, ...crl };
}

// A fresh CRL with every certificate this CA has revoked; the number only ever grows.
export async function publishCrl(ctx: CoreContext): Promise<{ crlNumber: number; crlPem: string }> {
  const { id, material } = await caMaterial(ctx);
  const revoked = await ctx.db.certificate.findMany({ where: { caId: id, revokedAt: { not: null } }, select: { serial: true, revokedAt: true } });
  const ca = await ctx.db.certificateAuthority.update({ where: { id }, data: { crlNumber: { increment: 1 } } });
  const crlPem = createCrl({ ca: material, revoked: revoked.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt! })), now: ctx.now(), crlNumber: ca.crlNumber });
  await ctx.db.certificateAuthority.update({ where: { id }, data: { crlPem, crlUpdatedAt: ctx.now() } });
  return { crlNumber: ca.crlNumber, crlPem };
}

// Reading never publishes: the first CRL is made with the CA itself.
export async function currentCrl(db: Db): Promise<string> {
  const ca = await db.certificateAuthority.findFirst({ where: { active: true }, orderBy: { createdAt: "desc" } });
  if (!ca?.crlPem) throw new DomainError("NOT_FOUND", ca ? "This CA has no published CRL (certificates are managed externally)" : "No certificate authority yet");
  return ca.crlPem;
}
