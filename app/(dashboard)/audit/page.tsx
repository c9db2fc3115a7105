import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { AUDIT_RESULTS, AuditListQuery, pageAudit } from "@/lib/core/audit/list-audit";
import { lenientQuery } from "@/lib/core/paging";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { AuditTable, type AuditSortKey } from "@/components/audit-table";
import { listHref, Pager } from "@/components/pager";
import { sortState } from "@/components/sort-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor("read");
  // The view lives in the URL (bookmarkable); a bad value is dropped rather than failing the page.
  const query = lenientQuery(AuditListQuery, await searchParams);
  const page = await pageAudit(db(), query);
  const { result } = query;
  const sortKey = (query.sort ?? "at") as AuditSortKey;
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : sortKey === "at" ? "desc" : "asc";
  const sort = sortState<AuditSortKey>(sortKey, dir, (s, d) => listHref("/audit", query, { sort: s, dir: d }), (k) => (k === "at" ? "desc" : "asc"));
  const tab = (r: string | undefined, label: string) => (
    <Link
      key={label}
      href={listHref("/audit", query, { result: r })}
      aria-current={result === r ? "page" : undefined}
      className={clsx("rounded-md px-2.5 py-1 text-sm", result === r ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-5">
      <PageHeader title="Audit log" description="Every change and every refused attempt: who, what, target, result, when." />
      <Card title="Entries" actions={<nav aria-label="Filter by result" className="flex gap-1">{tab(undefined, "All")}{AUDIT_RESULTS.map((r) => tab(r, r))}</nav>}>
        <form role="search" aria-label="Search the audit log" className="mb-3 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="audit-q" className="mb-1 block text-xs font-medium text-slate-700">Search</label>
            <Input id="audit-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="action, user, target, detail" className="w-64" />
          </div>
          {(["result", "action", "sort", "dir", "limit"] as const).map((k) => query[k] && <input key={k} type="hidden" name={k} value={query[k]} />)}
          <button type="submit" className={buttonClass("secondary")}>Search</button>
          {query.q && <Link href={listHref("/audit", query, { q: undefined })} className="px-2 py-1.5 text-sm text-sky-700 hover:underline">Clear</Link>}
        </form>
        <AuditTable entries={page.items} sort={sort} filtered={Boolean(query.q || query.result || query.action)} />
        <Pager page={page} path="/audit" params={query} />
      </Card>
    </div>
  );
}
