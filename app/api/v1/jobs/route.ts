import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Id, parseInput } from "@/lib/core/validation";
import { listJobs } from "@/lib/core/jobs/job-store";

const Query = z.object({ hostId: Id.optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

export const GET = apiRoute("read", ({ ctx, req }) => listJobs(ctx.db, parseInput(Query, Object.fromEntries(new URL(req.url).searchParams))));
