import type { Metadata } from "next";
import Link from "next/link";
import { JOB_STATES } from "@/lib/core/jobs/states";
import { listJobs } from "@/lib/core/jobs/list-jobs";
import { isDomainError } from "@/lib/core/errors";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { JobsTable } from "@/components/jobs-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

type Search = Record<string, string | string[] | undefined>;

const pick = (sp: Search, keys: string[]) =>
  Object.fromEntries(keys.flatMap((k) => (typeof sp[k] === "string" && sp[k] !== "" ? [[k, sp[k] as string]] : [])));

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor("read");
  const query = pick(await searchParams, ["state", "kind", "hostId", "page"]);
  const page = await listJobs(db(), { ...query, limit: 50 }).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "VALIDATION") return null;
    throw e;
  });
  const href = (p: number) => `/jobs?${new URLSearchParams({ ...query, page: String(p) })}`;
  const first = page && page.total ? (page.page - 1) * page.limit + 1 : 0;
  return (
    <div className="space-y-5">
      <PageHeader title="Jobs" description="Long-running work (facts, provisioning, checks, migrations), newest first. Fleet jobs show their sub-jobs on their own page." />
      <Card title="Jobs">
        <form method="get" aria-label="Filter jobs" className="mb-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">State
            <select name="state" defaultValue={query.state ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">any</option>
              {JOB_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label className="flex flex-col gap-1">Kind
            <input name="kind" defaultValue={query.kind ?? ""} placeholder="facts, provision…" className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
        </form>
        {page ? (
          <>
            <JobsTable jobs={page.items} empty="No job matches. Open a host and gather its facts to start the first job." />
            <nav aria-label="Pages" className="mt-3 flex items-center gap-4 text-sm text-slate-600">
              <span>rows {first}–{first ? first + page.items.length - 1 : 0} of {page.total}</span>
              {page.page > 1 && <Link className="text-sky-700 hover:underline" href={href(page.page - 1)}>Previous</Link>}
              {page.page * page.limit < page.total && <Link className="text-sky-700 hover:underline" href={href(page.page + 1)}>Next</Link>}
            </nav>
          </>
        ) : (
          <p role="alert" className="text-sm text-red-700">Those filters are not valid. <Link className="text-sky-700 hover:underline" href="/jobs">Show all jobs</Link></p>
        )}
      </Card>
    </div>
  );
}
