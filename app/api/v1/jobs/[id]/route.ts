import { apiRoute, IdParams } from "@/lib/server/route";
import { Job } from "@/lib/server/api-schemas";
import { getJob } from "@/lib/core/jobs/job-store";

export const GET = apiRoute({ permission: "read", summary: "A job with its steps and children", params: IdParams, response: Job }, ({ ctx, params }) =>
  getJob(ctx.db, params.id),
);
