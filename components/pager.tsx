import Link from "next/link";
import { pageRange, type Page } from "@/lib/core/paging";

export type ListParams = Record<string, string | undefined>;

// The same list with some parameters changed; empty values are left out of the link, and a
// change of filter or sort goes back to the first page unless the patch names one.
export function listHref(path: string, params: ListParams, patch: ListParams = {}): string {
  const merged: ListParams = { ...params, page: undefined, ...patch };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

// Previous / next and "rows X–Y of Z" under a paged table; the URL carries the filters along.
export function Pager({ page, path, params }: { page: Page<unknown>; path: string; params: ListParams }) {
  const { first, last, hasPrev, hasNext } = pageRange(page);
  if (page.total === 0) return null;
  const prevPage = Math.min(page.page - 1, Math.max(1, Math.ceil(page.total / page.pageSize)));
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-4 text-sm text-slate-600">
      <span>{page.items.length ? `rows ${first}–${last} of ${page.total}` : `no rows on page ${page.page} of ${page.total}`}</span>
      {hasPrev && <Link rel="prev" className="text-sky-700 hover:underline" href={listHref(path, params, { page: prevPage > 1 ? String(prevPage) : undefined })}>Previous</Link>}
      {hasNext && <Link rel="next" className="text-sky-700 hover:underline" href={listHref(path, params, { page: String(page.page + 1) })}>Next</Link>}
    </nav>
  );
}
