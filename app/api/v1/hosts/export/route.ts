import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { exportHosts } from "@/lib/core/inventory/import-hosts";

const Query = z.object({ format: z.enum(["csv", "json"]).default("json") });

export const GET = apiRoute(
  { permission: "read", summary: "Export hosts as a file to import elsewhere", query: Query, produces: "text/csv" },
  async ({ ctx, query: { format } }) =>
    new Response(await exportHosts(ctx.db, format), {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
        "content-disposition": `attachment; filename="virtshield-hosts.${format}"`,
      },
    }),
);
