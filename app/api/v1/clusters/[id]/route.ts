import { apiRoute } from "@/lib/server/route";
import { deleteCluster, getCluster, updateCluster } from "@/lib/core/inventory/clusters";

type P = { id: string };
export const GET = apiRoute<P>("read", ({ ctx, params }) => getCluster(ctx.db, params.id));
export const PATCH = apiRoute<P>("clusters:write", async ({ ctx, params, body }) => updateCluster(ctx, params.id, await body()));
export const DELETE = apiRoute<P>("clusters:write", async ({ ctx, params }) => {
  await deleteCluster(ctx, params.id);
  return new Response(null, { status: 204 });
});
