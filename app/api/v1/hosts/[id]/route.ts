import { apiRoute } from "@/lib/server/route";
import { deleteHost, getHost, updateHost } from "@/lib/core/inventory/hosts";

type P = { id: string };
export const GET = apiRoute<P>("read", ({ ctx, params }) => getHost(ctx.db, params.id));
export const PATCH = apiRoute<P>("hosts:write", async ({ ctx, params, body }) => updateHost(ctx, params.id, await body()));
export const DELETE = apiRoute<P>("hosts:write", async ({ ctx, params }) => {
  await deleteHost(ctx, params.id);
  return new Response(null, { status: 204 });
});
