import { apiRoute } from "@/lib/server/route";
import { createCluster, listClusters } from "@/lib/core/inventory/clusters";

export const GET = apiRoute("read", ({ ctx }) => listClusters(ctx.db));
export const POST = apiRoute("clusters:write", async ({ ctx, body }) => createCluster(ctx, await body()), { status: 201 });
