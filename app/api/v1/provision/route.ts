import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { ProvisionMode } from "@/lib/core/provision/types";
import { Id } from "@/lib/core/validation";

const Body = z.strictObject({ hostIds: z.array(Id).min(1).max(1000), mode: ProvisionMode.optional(), parallelism: z.number().int().min(1).max(64).optional() });

// One fleet job, one sub-job per host (each with its host lock), at most `parallelism` at once.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Provision many hosts at once (a fleet job with one sub-job per host)",
    body: Body,
    status: 202,
    response: JobAccepted,
  },
  async ({ ctx, body }) => Response.json({ jobId: (await enqueue(ctx, "provision-fleet", body)).id }, { status: 202 }),
);
