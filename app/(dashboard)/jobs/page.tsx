import type { Metadata } from "next";
import { JOB_STATES } from "@/lib/core/jobs/states";
import { JobListQuery, listJobs } from "@/lib/core/jobs/list-jobs";
import { lenientQuery } from "@/lib/core/paging";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { JobsTable } from "@/components/jobs-table";
import { Pager } from "@/components/pager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

type Search = Record<string, string | string[] | undefined>;

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor("read");
  const query = lenientQuery(JobListQuery, await searchParams);
  // A stale or hand-edited URL drops the values it cannot use instead of failing the page.
  const page = await listJobs(db(), { ...query, limit: 50 });
  return (
    <div className="space-y-5">
      <PageHeader title="Jobs" description="Long-running work (facts, provisioning, checks, migrations), newest first. Fleet jobs show their sub-jobs on their own page." />
      <Card title="Jobs">
        <form method="get" role="search" aria-label="Filter jobs" className="mb-3 flex flex-wrap items-end gap-3 text-sm">
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
        <JobsTable jobs={page.items} empty="No job matches. Open a host and gather its facts to start the first job." />
        <Pager page={page} path="/jobs" params={query} />
      </Card>
    </div>
  );
}
