import { apiRoute } from "@/lib/server/route";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";

// Reads the certificates deployed on the host (a job); answers with the drift once it is done.
export const POST = apiRoute<{ id: string }>("jobs:run", async ({ ctx, params }) => {
  const { id: jobId } = await enqueue(ctx, "scan", { hostId: params.id });
  const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 60_000));
  if (outcome.pending) return Response.json({ jobId }, { status: 202 });
  return { jobId, ...(outcome.result as object) };
});
