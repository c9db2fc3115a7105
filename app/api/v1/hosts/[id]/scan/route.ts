import { apiRoute } from "@/lib/server/route";
import { DomainError } from "@/lib/core/errors";
import { getHost } from "@/lib/core/inventory/hosts";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueueJob } from "@/lib/server/jobs";

// Reads the certificates deployed on the host (a job); answers with the drift once it is done.
export const POST = apiRoute<{ id: string }>("jobs:run", async ({ ctx, params, actor }) => {
  const host = await getHost(ctx.db, params.id);
  if (!host.hostKey.pinned) throw new DomainError("PRECONDITION_FAILED", `The SSH host key of ${host.name} is not pinned yet`);
  const jobId = await enqueueJob(actor, { kind: "scan", hostId: host.id });
  const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 60_000));
  if (outcome.pending) return Response.json({ jobId }, { status: 202 });
  return { jobId, ...(outcome.result as object) };
});
