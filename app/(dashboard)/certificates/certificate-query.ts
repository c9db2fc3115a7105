import { lenientQuery } from "@/lib/core/paging";
import { CertificateListQuery } from "@/lib/core/pki/certificate-page";
import { listHref, type ListParams } from "@/components/pager";

// The dashboard's view lives in the URL so a filtered, sorted page of the list is linkable: the
// core's list parameters, with bad values dropped rather than failing the page.
export type CertQuery = ListParams & { kind?: string; source?: string; band?: string; q?: string; history?: string; sort?: string; dir?: string };
export type SortKey = "host" | "kind" | "days" | "notAfter";

export function certQuery(searchParams: Record<string, string | string[] | undefined>): CertQuery {
  return lenientQuery(CertificateListQuery, searchParams);
}

// The same view with some keys changed (back to the first page); empty values are left out.
export function queryHref(q: CertQuery, patch: Partial<CertQuery>): string {
  return listHref("/certificates", q, patch);
}

// The CSV export asks the API for every row of this view, not only the page on screen.
export function csvHref(q: CertQuery): string {
  return listHref("/api/v1/certificates", { ...q, q: undefined, host: q.q ?? q.host, page: undefined, limit: undefined, format: "csv" });
}

export function isFiltered(q: CertQuery): boolean {
  return Boolean(q.kind || q.source || q.band || q.q || q.host || q.hostId || q.history === "true");
}
