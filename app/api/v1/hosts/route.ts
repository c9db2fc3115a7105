import { apiRoute } from "@/lib/server/route";
import { createHost, pageHosts } from "@/lib/core/inventory/hosts";
import { pageHeaders, queryObject } from "@/lib/core/paging";

// A JSON array of one page (HostListQuery: page, limit, sort, dir, q, clusterId, tag); the total and the neighbours in headers.
export const GET = apiRoute("read", async ({ ctx, req }) => {
  const page = await pageHosts(ctx.db, queryObject(new URL(req.url).searchParams));
  return Response.json(page.items, { headers: pageHeaders(req.url, page) });
});
export const POST = apiRoute("hosts:write", async ({ ctx, body }) => createHost(ctx, await body()), { status: 201 });
