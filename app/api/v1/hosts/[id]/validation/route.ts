import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { getHost } from "@/lib/core/inventory/hosts";
import { HostValidationView, readValidation } from "@/lib/core/provision/validation/validation-store";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { DomainError } from "@/lib/core/errors";

const Query = z.object({ wait: z.enum(["true", "false"]).default("true").describe("false: answer 202 {jobId} at once") });

export const GET = apiRoute(
  { permission: "read", summary: "The host's last PKI validation: findings worst first, with evidence and fix", params: IdParams, response: HostValidationView },
  async ({ ctx, params }) => {
    await getHost(ctx.db, params.id);
    const stored = await readValidation(ctx.db, params.id);
    if (!stored) throw new DomainError("NOT_FOUND", "This host has not been validated yet: POST to this URL to validate it");
    return stored;
  },
);

// Validation reads the host over SSH, so it runs as a job; by default the call waits for it.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Validate the host's PKI over SSH (a job)",
    description: "Waits up to two minutes for the job and answers with the findings; 202 {jobId} if it still runs.",
    params: IdParams,
    query: Query,
    response: HostValidationView.extend({ jobId: z.string() }),
    otherResponses: { 202: { description: "The job still runs", schema: JobAccepted } },
  },
  async ({ ctx, params, query: { wait } }) => {
    const { id: jobId } = await enqueue(ctx, "validate", { hostId: params.id });
    if (wait === "false") return Response.json({ jobId }, { status: 202 });
    const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 120_000));
    if (outcome.pending) return Response.json({ jobId }, { status: 202 });
    return Response.json({ jobId, ...(await readValidation(ctx.db, params.id)) });
  },
);
