import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { textStream } from "@/lib/server/text-stream";
import { HostListQuery } from "@/lib/core/inventory/hosts";
import { exportHostChunks } from "@/lib/core/inventory/import-hosts";

const Query = HostListQuery.omit({ page: true, limit: true }).extend({ format: z.enum(["csv", "json"]).default("json") });

export const GET = apiRoute(
  {
    permission: "read",
    summary: "Export hosts as a file to import elsewhere",
    description: "Every host the hosts list's filter matches (no paging), in its order, streamed.",
    query: Query,
    produces: "text/csv",
  },
  ({ ctx, query: { format, ...filter } }) =>
    new Response(textStream(exportHostChunks(ctx.db, format, filter)), {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
        "content-disposition": `attachment; filename="virtshield-hosts.${format}"`,
      },
    }),
);
