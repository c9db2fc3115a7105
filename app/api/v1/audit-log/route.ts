import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { AuditListQuery, pageAudit } from "@/lib/core/audit/list-audit";
import { pageHeaders } from "@/lib/core/paging";

const AuditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  result: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const GET = apiRoute(
  {
    permission: "read",
    summary: "The audit log, one page, newest first",
    paged: true,
    query: AuditListQuery,
    response: z.array(AuditEntry),
  },
  async ({ ctx, req, query }) => {
    const page = await pageAudit(ctx.db, query);
    return Response.json(page.items, { headers: pageHeaders(req.url, page) });
  },
);
