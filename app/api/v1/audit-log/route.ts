import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { listAudit } from "@/lib/core/audit/list-audit";

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  action: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/).optional(),
  result: z.enum(["ok", "refused", "failed"]).optional(),
});

export const GET = apiRoute("read", ({ ctx, req }) => listAudit(ctx.db, parseInput(Query, Object.fromEntries(new URL(req.url).searchParams))));
