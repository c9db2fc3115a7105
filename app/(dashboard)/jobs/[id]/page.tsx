import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isDomainError } from "@/lib/core/errors";
import { getJob } from "@/lib/core/jobs/job-store";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { JobLive } from "@/components/job-live";
import { formatTime } from "@/components/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor("read");
  const { id } = await params;
  const job = await getJob(db(), id).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <div className="space-y-5">
      <PageHeader
        title={`${job.kind} job`}
        description={<><Link href="/jobs" className="text-sky-700 hover:underline">Jobs</Link> / <span className="font-mono">{job.id}</span></>}
      />
      <Card title="Progress" description={`Created ${formatTime(job.createdAt)} by ${job.createdBy ?? "—"}${job.finishedAt ? `, finished ${formatTime(job.finishedAt)}` : ""}`}>
        {job.hostId && <p className="mb-3 text-sm">Host: <Link className="text-sky-700 hover:underline" href={`/hosts/${job.hostId}`}>open host</Link></p>}
        <JobLive jobId={job.id} initial={{ state: job.state, progress: job.progress, steps: job.steps, error: job.error ?? null }} />
      </Card>
    </div>
  );
}
