import { z } from "zod";

// One shape for every list the dashboard and the API page through: the database does the
// filtering, sorting and slicing, so a page costs the same with 100 rows or 100,000.
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type SortDir = "asc" | "desc";

/**
 * The query of a list: `page` (1-based), `limit` (default 50; more than 500 is served as 500),
 * `sort` among the list's own keys, `dir`, a free-text `q`, and the list's filters.
 * Values arrive as URL text, so numbers are coerced; pass them through `queryObject` first.
 */
export function listQuery<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(sorts: S, filters: F) {
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).overwrite((n) => Math.min(n, MAX_PAGE_SIZE)).default(DEFAULT_PAGE_SIZE),
    sort: z.enum(sorts).optional(),
    dir: z.enum(["asc", "desc"]).optional(),
    q: z.string().trim().max(100).optional(),
    ...filters,
  });
}

// Prisma's `contains` on SQLite is a LIKE without an escape character, so % and _ in a search
// would act as wildcards. Columns that can never hold them (DNS names, addresses) answer such a
// search with nothing instead; free-text columns accept the looser match.
export const LIKE_WILDCARD = /[%_]/;
export const MATCH_NOTHING = { id: { in: [] as string[] } };

export interface PageRequest {
  page: number;
  limit: number;
}

export function pageWindow(q: PageRequest): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.limit, take: q.limit };
}

export function pageOf<T>(items: T[], total: number, q: PageRequest): Page<T> {
  return { items, total, page: q.page, pageSize: q.limit };
}

/** Rows X–Y of Z, 1-based; X > Y when the page is past the end. */
export function pageRange(p: Page<unknown>): { first: number; last: number; hasPrev: boolean; hasNext: boolean } {
  const first = (p.page - 1) * p.pageSize + 1;
  return { first, last: first + p.items.length - 1, hasPrev: p.page > 1, hasNext: p.page * p.pageSize < p.total };
}

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

// URL parameters as a plain object for a list schema: the first of repeated keys, blanks left
// out (an empty search box means "no search", not "search for nothing").
export function queryObject(params: RawParams): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const out: Record<string, string> = {};
  for (const [k, raw] of entries) {
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v !== undefined && v.trim() !== "" && !(k in out)) out[k] = v;
  }
  return out;
}

// Pages take a hand-edited or stale URL as well as they can: a bad value is dropped (back to its
// default) rather than failing the page, and parameters the list does not know are left out.
// The API answers VALIDATION instead.
export function lenientQuery(schema: z.ZodObject, params: RawParams): Record<string, string> {
  const raw = Object.fromEntries(Object.entries(queryObject(params)).filter(([k]) => k in schema.shape));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return raw;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
}

// What an API list reports besides its JSON array: the total and RFC 8288 links to the
// neighbouring pages, relative to the request so they survive proxies.
export function pageHeaders(requestUrl: string | URL, p: Page<unknown>): Record<string, string> {
  const url = new URL(requestUrl);
  const { hasPrev, hasNext } = pageRange(p);
  const link = (page: number, rel: string) => {
    const params = new URLSearchParams(url.searchParams);
    params.set("page", String(page));
    params.set("limit", String(p.pageSize));
    return `<${url.pathname}?${params.toString()}>; rel="${rel}"`;
  };
  const lastPage = Math.max(1, Math.ceil(p.total / p.pageSize));
  const links = [
    hasNext ? link(p.page + 1, "next") : null,
    hasPrev ? link(Math.min(p.page - 1, lastPage), "prev") : null,
  ].filter((l): l is string => l !== null);
  return { "X-Total-Count": String(p.total), ...(links.length ? { Link: links.join(", ") } : {}) };
}

// Every row that matches, a page at a time, for exports: memory stays bounded by one page.
export async function* everyPage<T>(fetch: (page: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const p = await fetch(page);
    if (p.items.length) yield p.items;
    if (!pageRange(p).hasNext || p.items.length === 0) return;
  }
}
