import type { Metadata } from "next";
import { listJobs } from "@/lib/core/jobs/job-store";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { JobsTable } from "@/components/jobs-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageActor("read");
  const jobs = await listJobs(db(), { limit: 200 });
  return (
    <div className="space-y-5">
      <PageHeader title="Jobs" description="Long-running work (facts, provisioning, checks, migrations), newest first." />
      <Card title="Recent jobs">
        <JobsTable jobs={jobs} empty="Nothing has run yet. Open a host and gather its facts to start the first job." />
      </Card>
    </div>
  );
}
