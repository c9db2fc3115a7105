import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Host } from "@/lib/server/api-schemas";
import { NewHost } from "@/lib/core/inventory/schemas";
import { createHost, HostListQuery, pageHosts } from "@/lib/core/inventory/hosts";
import { pageHeaders } from "@/lib/core/paging";

export const GET = apiRoute(
  {
    permission: "read",
    summary: "List hosts, one page",
    paged: true,
    query: HostListQuery,
    response: z.array(Host),
  },
  async ({ ctx, req, query }) => {
    const page = await pageHosts(ctx.db, query);
    return Response.json(page.items, { headers: pageHeaders(req.url, page) });
  },
);

export const POST = apiRoute(
  { permission: "hosts:write", summary: "Add a host", body: NewHost, response: Host, status: 201 },
  ({ ctx, body }) => createHost(ctx, body),
);
