import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { ProvisionMode } from "@/lib/core/provision/types";

const Body = z.strictObject({ dryRun: z.boolean(), mode: ProvisionMode.optional() });

// The dry-run reads the host (a job) and answers with the plan; otherwise the apply job starts.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Plan (dryRun: true) or apply (dryRun: false) the host's TLS configuration",
    description: "The dry-run answers with the plan: files with hashes, modes and owners, config diffs, services, firewall. The apply answers 202 {jobId}: backup, write, restart, verify, and rollback on failure.",
    params: IdParams,
    body: Body,
    status: 202,
    response: JobAccepted,
    otherResponses: { 200: { description: "The plan (dry-run)" } },
  },
  async ({ ctx, params, body }) => {
    const { id: jobId } = await enqueue(ctx, "provision", { hostId: params.id, dryRun: body.dryRun, ...(body.mode ? { mode: body.mode } : {}) });
    if (!body.dryRun) return Response.json({ jobId }, { status: 202 });
    const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 120_000));
    if (outcome.pending) return Response.json({ jobId }, { status: 202 });
    return Response.json({ jobId, ...(outcome.result as { plan: object }).plan });
  },
);
