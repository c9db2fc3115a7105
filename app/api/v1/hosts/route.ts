import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput, Id } from "@/lib/core/validation";
import { createHost, listHosts } from "@/lib/core/inventory/hosts";
import { Tag } from "@/lib/core/inventory/schemas";

const Query = z.object({ clusterId: Id.optional(), tag: Tag.optional(), q: z.string().max(100).optional() });

export const GET = apiRoute("read", ({ ctx, req }) => {
  const filter = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  return listHosts(ctx.db, filter);
});
export const POST = apiRoute("hosts:write", async ({ ctx, body }) => createHost(ctx, await body()), { status: 201 });
