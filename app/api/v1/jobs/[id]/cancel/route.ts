import { apiRoute, IdParams } from "@/lib/server/route";
import { Job } from "@/lib/server/api-schemas";
import { cancelJob } from "@/lib/core/jobs/cancel-job";

// The creator of the job or an admin; children are cancelled with their parent.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Cancel a job and its children",
    description: "Only the job's creator or an admin; a remote command in flight is interrupted.",
    params: IdParams,
    response: Job,
  },
  ({ ctx, params }) => cancelJob(ctx, params.id),
);
