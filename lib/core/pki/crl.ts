import type { CoreContext, Db } from "@/lib/core/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit/record";
import { createCrl, type CaMaterial } from "@/lib/core/x509";
import { activeCaRow, signingCa } from "@/lib/core/pki/active-ca";

// Every revoked serial the CA ever signed, whether or not its host is still in the inventory:
// a deleted host's revoked key must stay revoked. Read, number, sign and store in one
// transaction, so two revocations at once can neither publish a CRL that misses the other nor
// overwrite a newer one.
export async function publishCrlInTransaction(tx: Prisma.TransactionClient, ca: { id: string; material: CaMaterial }, now: Date) {
  const revoked = await tx.certificate.findMany({ where: { caId: ca.id, revokedAt: { not: null } }, select: { serial: true, revokedAt: true } });
  const { crlNumber } = await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: { increment: 1 } } });
  const crlPem = createCrl({ ca: ca.material, revoked: revoked.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt! })), now, crlNumber });
  await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlPem, crlUpdatedAt: now } });
  return { crlNumber, crlPem, revokedCount: revoked.length };
}

export async function publishCrl(ctx: CoreContext): Promise<{ crlNumber: number; crlPem: string }> {
  const ca = await signingCa(ctx);
  const { crlNumber, crlPem, revokedCount } = await ctx.db.$transaction((tx) => publishCrlInTransaction(tx, ca, ctx.now()));
  await recordAudit(ctx, { action: "ca.publish-crl", targetType: "ca", targetId: ca.id, detail: { crlNumber, revoked: revokedCount } });
  return { crlNumber, crlPem };
}

// Reading never publishes: the first CRL is made with the CA itself.
export async function currentCrl(db: Db): Promise<string> {
  const ca = await activeCaRow(db);
  if (!ca?.crlPem) throw new DomainError("NOT_FOUND", ca ? "This CA has no published CRL (certificates are managed externally)" : "No certificate authority yet");
  return ca.crlPem;
}
