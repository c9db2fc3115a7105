import { apiRoute } from "@/lib/server/route";
import { cancelJob } from "@/lib/core/jobs/cancel-job";

// The creator of the job or an admin; children are cancelled with their parent.
export const POST = apiRoute<{ id: string }>("jobs:run", ({ ctx, params }) => cancelJob(ctx, params.id));
