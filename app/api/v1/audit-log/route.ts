import { apiRoute } from "@/lib/server/route";
import { pageAudit } from "@/lib/core/audit/list-audit";
import { pageHeaders, queryObject } from "@/lib/core/paging";

// A JSON array of one page, newest first (AuditListQuery: page, limit, sort, dir, q, action, result); the total and the neighbours in headers.
export const GET = apiRoute("read", async ({ ctx, req }) => {
  const page = await pageAudit(ctx.db, queryObject(new URL(req.url).searchParams));
  return Response.json(page.items, { headers: pageHeaders(req.url, page) });
});
