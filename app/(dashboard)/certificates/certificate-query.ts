import { z } from "zod";
import type { CertificateView } from "@/lib/core/pki/certificate-rows";
import type { CertTimelineBucket } from "./cert-timeline-chart";

// The dashboard's view lives in the URL so a filtered, sorted list is linkable. Bad values are
// dropped rather than failing the page.
export const CertQuery = z.object({
  kind: z.enum(["ca", "server", "client"]).optional().catch(undefined),
  source: z.enum(["issued", "scanned"]).optional().catch(undefined),
  band: z.enum(["expired", "critical", "warning", "ok"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  history: z.enum(["true"]).optional().catch(undefined),
  sort: z.enum(["host", "kind", "days", "notAfter"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type CertQuery = z.infer<typeof CertQuery>;
export type SortKey = NonNullable<CertQuery["sort"]>;

export function applyFilter(certs: CertificateView[], q: CertQuery): CertificateView[] {
  const text = q.q?.toLowerCase();
  return certs.filter(
    (c) =>
      (!q.kind || c.kind === q.kind) &&
      (!q.source || c.source === q.source) &&
      (!q.band || c.band === q.band) &&
      (!text || (c.hostName ?? "").toLowerCase().includes(text)),
  );
}

const COMPARE: Record<SortKey, (a: CertificateView, b: CertificateView) => number> = {
  host: (a, b) => (a.hostName ?? "").localeCompare(b.hostName ?? "") || a.kind.localeCompare(b.kind),
  kind: (a, b) => a.kind.localeCompare(b.kind) || (a.hostName ?? "").localeCompare(b.hostName ?? ""),
  days: (a, b) => a.daysLeft - b.daysLeft,
  notAfter: (a, b) => a.notAfter.localeCompare(b.notAfter),
};

export function applySort(certs: CertificateView[], q: CertQuery): CertificateView[] {
  const cmp = COMPARE[q.sort ?? "days"];
  const sign = q.dir === "desc" ? -1 : 1;
  return [...certs].sort((a, b) => sign * cmp(a, b));
}

// The same query with some keys changed; empty values are left out of the link.
export function queryHref(q: CertQuery, patch: Partial<CertQuery>): string {
  const merged = { ...q, ...patch };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/certificates?${s}` : "/certificates";
}

// The CSV export asks the API for exactly the rows on screen.
export function csvHref(q: CertQuery): string {
  const params = new URLSearchParams({ format: "csv" });
  for (const k of ["kind", "source", "band"] as const) if (q[k]) params.set(k, q[k]);
  if (q.q) params.set("host", q.q);
  if (q.history) params.set("history", "true");
  return `/api/v1/certificates?${params.toString()}`;
}

const MONTHS = 24;

// Certificates by the month they expire, for the next two years: expired first, later last.
// Revoked certificates are out of the picture: they will never be renewed.
export function expiryTimeline(certs: CertificateView[], now: Date): CertTimelineBucket[] {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const buckets: CertTimelineBucket[] = [{ label: "expired", expired: 0, critical: 0, warning: 0, ok: 0 }];
  for (let i = 0; i < MONTHS; i++) {
    const d = new Date(start);
    d.setUTCMonth(d.getUTCMonth() + i);
    buckets.push({ label: d.toISOString().slice(0, 7), expired: 0, critical: 0, warning: 0, ok: 0 });
  }
  buckets.push({ label: "later", expired: 0, critical: 0, warning: 0, ok: 0 });
  for (const c of certs) {
    if (c.revokedAt) continue;
    const end = new Date(c.notAfter);
    const month = (end.getUTCFullYear() - now.getUTCFullYear()) * 12 + end.getUTCMonth() - now.getUTCMonth();
    const index = c.band === "expired" ? 0 : Math.max(1, Math.min(month + 1, MONTHS + 1));
    buckets[index][c.band] += 1;
  }
  return buckets;
}
