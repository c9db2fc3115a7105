import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isDomainError } from "@/lib/core/errors";
import { getJob } from "@/lib/core/jobs/job-store";
import { isFinal } from "@/lib/core/jobs/states";
import { can } from "@/lib/core/auth/roles";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { JobLive } from "@/components/job-live";
import { formatTime } from "@/components/format";
import { CancelJobForm } from "./cancel-job-form";
import { JobChildren } from "./job-children";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("read");
  const { id } = await params;
  const job = await getJob(db(), id).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const mayCancel = !isFinal(job.state) && can(actor.role, "jobs:run") && (actor.role === "admin" || actor.name === job.createdBy);
  const counts = Object.entries(job.childCounts).map(([s, n]) => `${n} ${s}`).join(", ");
  return (
    <div className="space-y-5">
      <PageHeader
        title={`${job.kind} job`}
        description={<><Link href="/jobs" className="text-sky-700 hover:underline">Jobs</Link>{job.parentId && <> / <Link href={`/jobs/${job.parentId}`} className="text-sky-700 hover:underline">parent job</Link></>} / <span className="font-mono">{job.id}</span></>}
        actions={mayCancel ? <CancelJobForm jobId={job.id} childCount={job.children.length} /> : undefined}
      />
      <Card title="Progress" description={`Created ${formatTime(job.createdAt)} by ${job.createdBy ?? "—"}${job.finishedAt ? `, finished ${formatTime(job.finishedAt)}` : ""}${job.cancelledBy ? `; cancel asked by ${job.cancelledBy}` : ""}`}>
        {job.hostId && <p className="mb-3 text-sm">Host: <Link className="text-sky-700 hover:underline" href={`/hosts/${job.hostId}`}>{job.hostName ?? "open host"}</Link></p>}
        <JobLive jobId={job.id} initial={{ state: job.state, progress: job.progress, steps: job.steps, error: job.error ?? null }} />
      </Card>
      {job.children.length > 0 && (
        <Card title="Sub-jobs" description={counts}>
          <JobChildren jobs={job.children} />
        </Card>
      )}
    </div>
  );
}
