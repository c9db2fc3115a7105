import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { getHost } from "@/lib/core/inventory/hosts";
import { readFacts } from "@/lib/core/facts/facts-job";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { DomainError } from "@/lib/core/errors";

type P = { id: string };
const Query = z.object({ wait: z.enum(["true", "false"]).default("true") });

export const GET = apiRoute<P>("read", async ({ ctx, params }) => {
  await getHost(ctx.db, params.id);
  const stored = await readFacts(ctx.db, params.id);
  if (!stored) throw new DomainError("NOT_FOUND", "No facts gathered for this host yet");
  return stored;
});

// Gathering runs as a job; by default the call waits for it and answers with the facts.
export const POST = apiRoute<P>("jobs:run", async ({ ctx, params, req }) => {
  const { wait } = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  const { id: jobId } = await enqueue(ctx, "facts", { hostId: params.id });
  if (wait === "false") return Response.json({ jobId }, { status: 202 });
  const outcome = jobOutcome(await waitForJob(ctx.db, jobId, 120_000));
  if (outcome.pending) return Response.json({ jobId }, { status: 202 });
  return { jobId, ...(await readFacts(ctx.db, params.id)) };
});
