import type { Db } from "@/lib/core/context";
import { daysLeft, expiryBand, type ExpiryBand } from "@/lib/core/x509";
import { EXPIRY_BANDS } from "@/lib/core/pki/certificate-enums";
import { activeCaRow } from "@/lib/core/pki/active-ca";

export type ExpiryBucket = { label: string } & Record<ExpiryBand, number>;

export interface CertificateStats {
  /** Certificates in force (current, not revoked; the CA included) per band. */
  bands: Record<ExpiryBand, number>;
  live: number;
  revoked: number;
  /** In-force certificates by the month they expire, for the next two years: expired first, later last. */
  timeline: ExpiryBucket[];
}

const MONTHS = 24;
const emptyBucket = (label: string): ExpiryBucket => ({ label, expired: 0, critical: 0, warning: 0, ok: 0 });

// The summary above the certificates list. It reads one date per certificate in force, not the
// rows: the chart needs every expiry month, and this stays a few milliseconds for thousands.
export async function certificateStats(db: Db, now: Date, opts: { includeHistory?: boolean } = {}): Promise<CertificateStats> {
  const [live, revoked, ca] = await Promise.all([
    db.certificate.findMany({ where: { current: true, revokedAt: null }, select: { notAfter: true } }),
    db.certificate.count({ where: { revokedAt: { not: null }, current: opts.includeHistory ? undefined : true } }),
    activeCaRow(db),
  ]);
  const dates = [...live.map((c) => c.notAfter), ...(ca ? [ca.notAfter] : [])];
  const bands = Object.fromEntries(EXPIRY_BANDS.map((b) => [b, 0])) as Record<ExpiryBand, number>;
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const timeline = [emptyBucket("expired")];
  for (let i = 0; i < MONTHS; i++) {
    const d = new Date(start);
    d.setUTCMonth(d.getUTCMonth() + i);
    timeline.push(emptyBucket(d.toISOString().slice(0, 7)));
  }
  timeline.push(emptyBucket("later"));
  for (const end of dates) {
    const band = expiryBand(daysLeft(end, now));
    bands[band] += 1;
    const month = (end.getUTCFullYear() - now.getUTCFullYear()) * 12 + end.getUTCMonth() - now.getUTCMonth();
    timeline[band === "expired" ? 0 : Math.max(1, Math.min(month + 1, MONTHS + 1))][band] += 1;
  }
  return { bands, live: dates.length, revoked, timeline };
}
