import { apiRoute } from "@/lib/server/route";
import { getJob } from "@/lib/core/jobs/job-store";

export const GET = apiRoute<{ id: string }>("read", ({ ctx, params }) => getJob(ctx.db, params.id));
