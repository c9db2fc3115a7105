import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { Id, parseInput } from "@/lib/core/validation";
import { everyPage, LIKE_WILDCARD, listQuery, MATCH_NOTHING, MAX_PAGE_SIZE, pageOf, pageWindow, type Page, type SortDir } from "@/lib/core/paging";
import { expiryBand, type ExpiryBand } from "@/lib/core/x509";
import { CERTIFICATE_KINDS, CERTIFICATE_SOURCES, EXPIRY_BANDS } from "@/lib/core/pki/certificate-enums";
import { caRow, certificateView, certificateViewInclude, type CertificateView } from "@/lib/core/pki/certificate-rows";
import { certificatesCsvChunks } from "@/lib/core/pki/certificates-csv";

const DAY_MS = 86_400_000;

// `host` and `q` both search the host name (as it is, or as it was for a deleted host);
// `history=true` adds superseded and revoked certificates.
export const CERTIFICATE_SORTS = ["days", "notAfter", "host", "kind"] as const;
export const CertificateListQuery = listQuery(CERTIFICATE_SORTS, {
  hostId: Id.optional(),
  kind: z.enum(CERTIFICATE_KINDS).optional(),
  source: z.enum(CERTIFICATE_SOURCES).optional(),
  band: z.enum(EXPIRY_BANDS).optional(),
  host: z.string().trim().max(100).optional(),
  history: z.enum(["true", "false"]).optional(),
});
export type CertificateListQuery = z.input<typeof CertificateListQuery>;
type Query = z.output<typeof CertificateListQuery>;
type SortKey = (typeof CERTIFICATE_SORTS)[number];

// The band is x509's expiryBand of the whole days left; to filter in the database each band
// becomes a notAfter range, read off expiryBand itself so the two can never disagree.
const BAND_FROM_DAY: [ExpiryBand, number][] = (() => {
  const starts = new Map<ExpiryBand, number>();
  for (let d = -1; d <= 36_500 && starts.size < EXPIRY_BANDS.length; d++) if (!starts.has(expiryBand(d))) starts.set(expiryBand(d), d);
  return [...starts];
})();

export function bandWhere(band: ExpiryBand, now: Date) {
  const i = BAND_FROM_DAY.findIndex(([b]) => b === band);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const upper = BAND_FROM_DAY[i + 1] ? { lt: at(BAND_FROM_DAY[i + 1][1]) } : {};
  const range = { revokedAt: null, notAfter: { ...(i > 0 ? { gte: at(BAND_FROM_DAY[i][1]) } : {}), ...upper } };
  // A revoked certificate counts as expired whatever its dates say.
  return band === "expired" ? { OR: [{ revokedAt: { not: null } }, range] } : range;
}

function certificateWhere(q: Query, now: Date) {
  const text = q.host ?? q.q;
  if (text && LIKE_WILDCARD.test(text)) return MATCH_NOTHING; // host names hold no % or _
  return {
    AND: [
      { hostId: q.hostId, kind: q.kind, source: q.source, current: q.history === "true" ? undefined : true },
      q.band ? bandWhere(q.band, now) : {},
      text ? { OR: [{ host: { name: { contains: text } } }, { host: null, hostName: { contains: text } }] } : {},
    ],
  };
}

// The unique id last keeps the order total, so pages never overlap or skip a row.
function certificateOrder(sort: SortKey, dir: SortDir) {
  const host = [{ host: { name: dir } }, { hostName: dir }];
  if (sort === "host") return [...host, { kind: "asc" as const }, { id: "asc" as const }];
  if (sort === "kind") return [{ kind: dir }, { host: { name: "asc" as const } }, { hostName: "asc" as const }, { id: "asc" as const }];
  return [{ notAfter: dir }, { id: "asc" as const }];
}

// Where the CA (its own table, not a Certificate row) falls in the sorted list: before the rows
// it ties with, as the old in-memory sort had it.
async function caRank(db: Db, where: object, ca: CertificateView, sort: SortKey, dir: SortDir, total: number): Promise<number> {
  if (sort === "host") return dir === "asc" ? 0 : total; // the CA has no host: first, or last
  if (sort === "kind") return dir === "asc" ? 0 : db.certificate.count({ where: { AND: [where, { kind: { not: "ca" } }] } });
  const notAfter = new Date(ca.notAfter);
  return db.certificate.count({ where: { AND: [where, { notAfter: dir === "asc" ? { lt: notAfter } : { gt: notAfter } }] } });
}

function caMatches(ca: CertificateView, q: Query): boolean {
  return !q.hostId && !q.host && !q.q && (!q.kind || q.kind === "ca") && (!q.source || q.source === "issued") && (!q.band || q.band === ca.band);
}

// One page of the fleet's certificates (the CA, issued and scanned), soonest expiry first unless
// sorted otherwise: filtered, sorted, counted and sliced by the database.
export async function pageCertificates(db: Db, now: Date, input: unknown): Promise<Page<CertificateView>> {
  const q = parseInput(CertificateListQuery, input);
  const sort = q.sort ?? "days";
  const dir = q.dir ?? "asc";
  const where = certificateWhere(q, now);
  const [rowTotal, [ca]] = await Promise.all([db.certificate.count({ where }), caRow(db, now)]);
  const withCa = ca && caMatches(ca, q) ? ca : null;
  const { skip, take } = pageWindow(q);
  const rank = withCa ? Math.min(await caRank(db, where, withCa, sort, dir, rowTotal), rowTotal) : -1;
  const caOnPage = withCa !== null && rank >= skip && rank < skip + take;
  const rows = await db.certificate.findMany({
    where,
    orderBy: certificateOrder(sort, dir),
    skip: withCa && rank < skip ? skip - 1 : skip,
    take: caOnPage ? take - 1 : take,
    include: certificateViewInclude,
  });
  const items = rows.map((r) => certificateView(r, now));
  if (caOnPage) items.splice(rank - skip, 0, withCa);
  return pageOf(items, rowTotal + (withCa ? 1 : 0), q);
}

// The CSV export: every certificate the list filter matches, in the list's order, a page at a
// time. The filter is checked at once, so a bad one fails before the first byte is sent.
export function exportCertificatesCsv(db: Db, now: Date, input: unknown): AsyncGenerator<string> {
  const q = parseInput(CertificateListQuery, input);
  return certificatesCsvChunks(everyPage((page) => pageCertificates(db, now, { ...q, page, limit: MAX_PAGE_SIZE })));
}
