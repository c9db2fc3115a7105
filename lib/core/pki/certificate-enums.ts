// The closed lists of the certificate views, for the zod schemas of the API, the pages and the
// OpenAPI document; certificate-rows.ts and scan-host.ts derive their unions from them.
import type { ExpiryBand } from "@/lib/core/x509";

export const CERTIFICATE_KINDS = ["ca", "server", "client"] as const;
export const CERTIFICATE_SOURCES = ["issued", "scanned"] as const;
export const EXPIRY_BANDS = ["expired", "critical", "warning", "ok"] as const;
export const DRIFT_STATUSES = ["matches-issued", "differs-from-issued", "not-issued-here", "missing", "unreadable"] as const;

// x509 (below pki) names the bands as a type; tsc fails here if the two lists ever differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const expiryBandsMatch: Same<(typeof EXPIRY_BANDS)[number], ExpiryBand> = true;
