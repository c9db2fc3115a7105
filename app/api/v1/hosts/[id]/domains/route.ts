import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { Id } from "@/lib/core/validation";
import { getHost } from "@/lib/core/inventory/hosts";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { GuestList } from "@/lib/core/migrate/domains-job";

const Query = z.object({ dest: Id.optional().describe("a destination host: each disk is then shared or to copy as seen from it") });

// Listing runs as a job over SSH; the call waits for it and answers with the guests.
export const GET = apiRoute(
  {
    permission: "read",
    summary: "The host's guests: state, memory, vCPUs, disks and whether each disk must be copied",
    description: "Reads the host over SSH (a job) and waits up to two minutes; 202 {jobId} if it still runs.",
    params: IdParams,
    query: Query,
    response: GuestList,
    otherResponses: { 202: { description: "The job still runs", schema: JobAccepted } },
  },
  async ({ ctx, params, query }) => {
    await getHost(ctx.db, params.id);
    if (query.dest) await getHost(ctx.db, query.dest);
    const { id: jobId } = await enqueue(ctx, "domains", { hostId: params.id, ...(query.dest ? { destHostId: query.dest } : {}) });
    const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 120_000));
    if (outcome.pending) return Response.json({ jobId }, { status: 202 });
    return outcome.result as GuestList;
  },
);
