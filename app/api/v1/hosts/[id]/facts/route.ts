import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { getHost } from "@/lib/core/inventory/hosts";
import { HostFacts } from "@/lib/core/facts/facts";
import { readFacts } from "@/lib/core/facts/facts-job";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { DomainError } from "@/lib/core/errors";

const StoredFacts = z.object({ facts: HostFacts, gatheredAt: z.iso.datetime() });
const Query = z.object({ wait: z.enum(["true", "false"]).default("true").describe("false: answer 202 {jobId} at once") });

export const GET = apiRoute(
  { permission: "read", summary: "The facts last gathered from the host", params: IdParams, response: StoredFacts },
  async ({ ctx, params }) => {
    await getHost(ctx.db, params.id);
    const stored = await readFacts(ctx.db, params.id);
    if (!stored) throw new DomainError("NOT_FOUND", "No facts gathered for this host yet");
    return stored;
  },
);

// Gathering runs as a job; by default the call waits for it and answers with the facts.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Gather facts over SSH (a job)",
    description: "Waits up to two minutes for the job and answers with the facts; 202 {jobId} if it still runs.",
    params: IdParams,
    query: Query,
    response: StoredFacts.extend({ jobId: z.string() }),
    otherResponses: { 202: { description: "The job still runs", schema: JobAccepted } },
  },
  async ({ ctx, params, query: { wait } }) => {
    const { id: jobId } = await enqueue(ctx, "facts", { hostId: params.id });
    if (wait === "false") return Response.json({ jobId }, { status: 202 });
    const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 120_000));
    if (outcome.pending) return Response.json({ jobId }, { status: 202 });
    return Response.json({ jobId, ...(await readFacts(ctx.db, params.id)) });
  },
);
