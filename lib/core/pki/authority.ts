import { z } from "zod";
import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";
import { generateCa, importCa, inspectCertificate, MAX_PEM_BYTES } from "@/lib/core/x509";
import { getActiveCa, toCaView, type CaMode, type CaView } from "@/lib/core/pki/active-ca";
import { publishCrl } from "@/lib/core/pki/crl";

// Setting up the CA: generate one, import one, or point at an external one. Reading the active
// CA lives in active-ca.ts, the CRL in crl.ts.

export const NewCa = z.strictObject({
  commonName: z.string().regex(/^[a-zA-Z0-9 ._-]{1,64}$/, "1-64 letters, digits, spaces, '.', '_' or '-'").optional(),
  validityDays: z.number().int().min(30).max(36500).optional(),
  keyBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
});
const Pem = z.string().min(1).max(MAX_PEM_BYTES);
export const ImportCa = z.strictObject({ certificatePem: Pem, privateKeyPem: Pem });
export const ExternalCa = z.strictObject({ certificatePem: Pem });

async function storeCa(ctx: CoreContext, mode: CaMode, certificatePem: string, privateKeyPem: string | null): Promise<CaView> {
  if (await getActiveCa(ctx.db)) throw new DomainError("CONFLICT", "A certificate authority already exists");
  const info = inspectCertificate(certificatePem);
  const row = await ctx.db.certificateAuthority.create({
    data: {
      mode, subject: info.subject, serial: info.serial, fingerprint: info.fingerprintSha256, certificatePem,
      privateKeyEnc: privateKeyPem ? ctx.secrets.seal(privateKeyPem) : null, notBefore: info.notBefore, notAfter: info.notAfter,
    },
  });
  await recordAudit(ctx, { action: `ca.${mode === "generated" ? "create" : mode === "imported" ? "import" : "external"}`, targetType: "ca", targetId: row.id, detail: { subject: info.subject, serial: info.serial } });
  // Hosts get a CRL from the start, so revocation later only replaces a file that is already there.
  if (privateKeyPem) await publishCrl(ctx);
  return toCaView(await ctx.db.certificateAuthority.findUniqueOrThrow({ where: { id: row.id } }));
}

export async function createCa(ctx: CoreContext, input: unknown): Promise<CaView> {
  requirePermission(ctx.actor, "ca:admin");
  const opts = parseInput(NewCa, input);
  if (await getActiveCa(ctx.db)) throw new DomainError("CONFLICT", "A certificate authority already exists");
  const ca = await generateCa({ ...opts, now: ctx.now() });
  return storeCa(ctx, "generated", ca.certificatePem, ca.privateKeyPem);
}

export async function importExistingCa(ctx: CoreContext, input: unknown): Promise<CaView> {
  requirePermission(ctx.actor, "ca:admin");
  const pem = parseInput(ImportCa, input);
  try {
    const ca = importCa({ ...pem, now: ctx.now() });
    return await storeCa(ctx, "imported", ca.certificatePem, ca.privateKeyPem);
  } catch (e) {
    await recordAudit(ctx, { action: "ca.import", targetType: "ca", result: "refused", detail: { reason: e instanceof Error ? e.message : "invalid" } });
    throw e;
  }
}

// External mode: the fleet's certificates come from elsewhere; virtshield keeps only the CA
// certificate to validate and scan against.
export async function useExternalCa(ctx: CoreContext, input: unknown): Promise<CaView> {
  requirePermission(ctx.actor, "ca:admin");
  const { certificatePem } = parseInput(ExternalCa, input);
  const info = inspectCertificate(certificatePem);
  if (!info.isCa) throw new DomainError("VALIDATION", "This certificate is not a CA: basicConstraints CA:TRUE is missing.");
  return storeCa(ctx, "external", certificatePem, null);
}
