import clsx from "clsx";
import type { ExpiryBand } from "@/lib/core/x509";

export const BAND_LABEL: Record<ExpiryBand, string> = { expired: "expired", critical: "< 7 days", warning: "< 30 days", ok: "fine" };
export const BAND_COLOR: Record<ExpiryBand, string> = { expired: "#dc2626", critical: "#ea580c", warning: "#f59e0b", ok: "#059669" };

const CLASSES: Record<ExpiryBand | "revoked", string> = {
  expired: "bg-red-50 text-red-800 ring-red-300",
  critical: "bg-orange-50 text-orange-800 ring-orange-300",
  warning: "bg-amber-50 text-amber-800 ring-amber-300",
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  revoked: "bg-slate-800 text-white ring-slate-800",
};

// The expiry colour band of one certificate; a revoked one says so whatever its dates.
export function CertBandBadge({ band, revokedAt }: { band: ExpiryBand; revokedAt?: string | null }) {
  const key = revokedAt ? "revoked" : band;
  return (
    <span title={revokedAt ? `revoked ${revokedAt}` : undefined} className={clsx("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", CLASSES[key])}>
      {revokedAt ? "revoked" : BAND_LABEL[band]}
    </span>
  );
}
