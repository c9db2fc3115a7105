import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { Download } from "lucide-react";
import { can } from "@/lib/core/auth/roles";
import { EXPIRY_BANDS as BANDS } from "@/lib/core/pki/certificate-enums";
import { pageCertificates } from "@/lib/core/pki/certificate-page";
import { certificateStats } from "@/lib/core/pki/certificate-stats";
import { dueForRenewal } from "@/lib/core/pki/renewal";
import { getPkiSettings } from "@/lib/core/pki/settings";
import { requirePageActor } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { CertTable } from "@/components/cert-table";
import { Pager } from "@/components/pager";
import { sortState } from "@/components/sort-header";
import { CertTimelineChart } from "./cert-timeline-chart";
import { BAND_COLOR, BAND_LABEL } from "@/components/cert-band-badge";
import { certQuery, csvHref, isFiltered, queryHref, type CertQuery, type SortKey } from "./certificate-query";
import { runRenewalAction } from "./actions";
import { StartJobForm } from "@/components/start-job-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Certificates" };

// The renewal list names hosts; past this many it says how many more, so the page stays one screen.
const DUE_SHOWN = 50;

function Label({ htmlFor, children }: { htmlFor: string; children: string }) {
  return <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-700">{children}</label>;
}

function FilterForm({ q }: { q: CertQuery }) {
  return (
    <form role="search" aria-label="Filter certificates" className="mb-3 flex flex-wrap items-end gap-2">
      <div>
        <Label htmlFor="cert-kind">Kind</Label>
        <Select id="cert-kind" name="kind" defaultValue={q.kind ?? ""}>
          <option value="">All kinds</option><option value="ca">ca</option><option value="server">server</option><option value="client">client</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="cert-source">Source</Label>
        <Select id="cert-source" name="source" defaultValue={q.source ?? ""}>
          <option value="">All sources</option><option value="issued">issued</option><option value="scanned">scanned</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="cert-band">Band</Label>
        <Select id="cert-band" name="band" defaultValue={q.band ?? ""}>
          <option value="">All bands</option>
          {BANDS.map((b) => <option key={b} value={b}>{BAND_LABEL[b]}</option>)}
        </Select>
      </div>
      <div>
        <Label htmlFor="cert-q">Host</Label>
        <Input id="cert-q" name="q" type="search" defaultValue={q.q ?? ""} className="w-44" />
      </div>
      <label className="flex items-center gap-1.5 pb-2 text-sm text-slate-700">
        <input type="checkbox" name="history" value="true" defaultChecked={q.history === "true"} /> Include superseded and revoked
      </label>
      {q.sort && <input type="hidden" name="sort" value={q.sort} />}
      {q.dir && <input type="hidden" name="dir" value={q.dir} />}
      {q.limit && <input type="hidden" name="limit" value={q.limit} />}
      <button type="submit" className={buttonClass("secondary")}>Filter</button>
      {isFiltered(q) && <Link href={queryHref({ sort: q.sort, dir: q.dir }, {})} className="px-2 py-1.5 text-sm text-sky-700 hover:underline">Clear</Link>}
    </form>
  );
}

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("read");
  const ctx = serverContext(actor);
  const q = certQuery(await searchParams);
  const now = ctx.now();
  const [page, stats, due, settings] = await Promise.all([
    pageCertificates(ctx.db, now, q),
    // Counts and the timeline are about risk: only what is in force (current, not revoked).
    certificateStats(ctx.db, now, { includeHistory: q.history === "true" }),
    dueForRenewal(ctx.db, now),
    getPkiSettings(ctx.db),
  ]);
  const filtered = isFiltered(q);
  const sortKey = (q.sort ?? "days") as SortKey;
  const sort = sortState<SortKey>(sortKey, q.dir === "desc" ? "desc" : "asc", (k, dir) => queryHref(q, { sort: k, dir }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Certificates"
        description="Every certificate in the fleet: the CA, what virtshield issued, and what scans found on the hosts."
        actions={<a className={buttonClass("secondary")} href={csvHref(q)} download><Download aria-hidden size={14} />Export CSV</a>}
      />
      <ul aria-label="Certificates per band" className="flex flex-wrap gap-2">
        {BANDS.map((b) => (
          <li key={b}>
            <Link href={queryHref(q, { band: q.band === b ? undefined : b })} className={clsx("flex items-center gap-2 rounded-md border bg-white px-3 py-2 text-sm hover:bg-slate-50", q.band === b ? "border-slate-500" : "border-slate-200")}>
              <span aria-hidden className="size-2.5 rounded-full" style={{ background: BAND_COLOR[b] }} />
              <span className="text-slate-600">{BAND_LABEL[b]}</span>
              <span className="font-semibold tabular-nums">{stats.bands[b]}</span>
            </Link>
          </li>
        ))}
        {stats.revoked > 0 && <li className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"><span className="text-slate-600">revoked</span><span className="font-semibold tabular-nums">{stats.revoked}</span></li>}
      </ul>
      <Card title="Expiry timeline">
        {stats.live ? <CertTimelineChart data={stats.timeline} /> : <EmptyState title="Nothing to chart yet">Certificates appear here once they are issued or scanned.</EmptyState>}
      </Card>
      <Card title="All certificates" description={`${page.total} ${filtered ? "match the filter" : "in the list"}. Dates in UTC; hover a date, serial or fingerprint for all of it.`}>
        <FilterForm q={q} />
        {page.total === 0 ? (
          <EmptyState title={filtered ? "No certificate matches this filter" : "No certificates yet"}>
            {filtered ? "Clear the filter to see every certificate." : <>Create or import a CA on the <Link href="/ca" className="text-sky-700 underline">Certificate authority</Link> page, then issue certificates from a host&apos;s page.</>}
          </EmptyState>
        ) : (
          <CertTable certs={page.items} label="Certificates" sort={sort} />
        )}
        <Pager page={page} path="/certificates" params={q} />
      </Card>
      <Card title="Renewal due" description={`Hosts whose certificates expire within ${settings.renewBeforeDays} days, or whose names changed since issuing.`}>
        <div className="space-y-3">
          {due.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing is due for renewal.</p>
          ) : (
            <ul aria-label="Renewal due" className="divide-y divide-slate-100 text-sm">
              {due.slice(0, DUE_SHOWN).map((d) => (
                <li key={d.hostId} className="flex gap-3 py-1.5">
                  <Link href={`/hosts/${d.hostId}`} className="font-medium text-sky-700 hover:underline">{d.hostName}</Link>
                  <span className="text-slate-600">{d.reason}</span>
                </li>
              ))}
              {due.length > DUE_SHOWN && <li className="py-1.5 text-slate-600">and {due.length - DUE_SHOWN} more hosts; the renewal job handles them all.</li>}
            </ul>
          )}
          {can(actor.role, "certs:issue") && <StartJobForm action={runRenewalAction} label="Run renewal now" />}
        </div>
      </Card>
    </div>
  );
}
