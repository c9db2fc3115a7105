import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import type { CaMaterial } from "@/lib/core/x509";

// "The active CA": which row it is, its public view, and its unsealed key for signing.
// The one place that knows how the CA is stored; the setup verbs (authority.ts), the CRL
// (crl.ts) and issuance all read it through here.

export const CA_MODES = ["generated", "imported", "external"] as const;
export type CaMode = (typeof CA_MODES)[number];

export interface CaView {
  id: string;
  mode: CaMode;
  subject: string;
  serial: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  certificatePem: string;
  crlNumber: number;
  crlUpdatedAt: string | null;
}

type CaRow = { id: string; mode: string; subject: string; serial: string; fingerprint: string; notBefore: Date; notAfter: Date; certificatePem: string; crlNumber: number; crlUpdatedAt: Date | null };
export const toCaView = (r: CaRow): CaView => ({
  id: r.id, mode: r.mode as CaMode, subject: r.subject, serial: r.serial, fingerprintSha256: r.fingerprint,
  notBefore: r.notBefore.toISOString(), notAfter: r.notAfter.toISOString(), certificatePem: r.certificatePem,
  crlNumber: r.crlNumber, crlUpdatedAt: r.crlUpdatedAt?.toISOString() ?? null,
});

// The raw row, sealed key and CRL included: for this room only, never for an answer.
export function activeCaRow(db: Db) {
  return db.certificateAuthority.findFirst({ where: { active: true }, orderBy: { createdAt: "desc" } });
}

export async function getActiveCa(db: Db): Promise<CaView | null> {
  const row = await activeCaRow(db);
  return row ? toCaView(row) : null;
}

// The CA key, unsealed, for signing. Never leaves the server; external mode has none.
export async function signingCa(ctx: Pick<CoreContext, "db" | "secrets">): Promise<{ id: string; material: CaMaterial }> {
  const row = await activeCaRow(ctx.db);
  if (!row) throw new DomainError("PRECONDITION_FAILED", "No certificate authority yet: create or import one first");
  if (!row.privateKeyEnc) throw new DomainError("PRECONDITION_FAILED", "Certificates are managed externally: virtshield only inspects them");
  return { id: row.id, material: { certificatePem: row.certificatePem, privateKeyPem: ctx.secrets.open(row.privateKeyEnc) } };
}
