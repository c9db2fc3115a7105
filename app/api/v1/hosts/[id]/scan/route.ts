import { apiRoute } from "@/lib/server/route";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueueHostJob } from "@/lib/server/jobs";

// Reads the certificates deployed on the host (a job); answers with the drift once it is done.
export const POST = apiRoute<{ id: string }>("jobs:run", async ({ ctx, params, actor }) => {
  const { jobId } = await enqueueHostJob(actor, "scan", params.id);
  const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 60_000));
  if (outcome.pending) return Response.json({ jobId }, { status: 202 });
  return { jobId, ...(outcome.result as object) };
});
