import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted, ScanResult } from "@/lib/server/api-schemas";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";

// Reads the certificates deployed on the host (a job); answers with the drift once it is done.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Compare the certificates deployed on the host with the issued ones (a job)",
    description: "Waits up to a minute for the job; 202 {jobId} if it still runs.",
    params: IdParams,
    response: ScanResult,
    otherResponses: { 202: { description: "The job still runs", schema: JobAccepted } },
  },
  async ({ ctx, params }) => {
    const { id: jobId } = await enqueue(ctx, "scan", { hostId: params.id });
    const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 60_000));
    if (outcome.pending) return Response.json({ jobId }, { status: 202 });
    return Response.json({ jobId, ...(outcome.result as object) });
  },
);
