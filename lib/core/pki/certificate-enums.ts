// The closed lists of the certificate views, for the zod schemas of the API, the pages and the
// OpenAPI document. The unions in certificate-rows.ts and x509/types.ts are checked against them.
import type { CertificateKind, CertificateSource } from "@/lib/core/pki/certificate-rows";
import type { DriftStatus } from "@/lib/core/pki/scan-host";
import type { ExpiryBand } from "@/lib/core/x509";

export const CERTIFICATE_KINDS = ["ca", "server", "client"] as const;
export const CERTIFICATE_SOURCES = ["issued", "scanned"] as const;
export const EXPIRY_BANDS = ["expired", "critical", "warning", "ok"] as const;
export const DRIFT_STATUSES = ["matches-issued", "differs-from-issued", "not-issued-here", "missing", "unreadable"] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type CertificateEnumsMatch = [
  Same<(typeof CERTIFICATE_KINDS)[number], CertificateKind>,
  Same<(typeof CERTIFICATE_SOURCES)[number], CertificateSource>,
  Same<(typeof EXPIRY_BANDS)[number], ExpiryBand>,
  Same<(typeof DRIFT_STATUSES)[number], DriftStatus>,
] extends [true, true, true, true] ? true : never;
export const certificateEnumsMatch: CertificateEnumsMatch = true;
