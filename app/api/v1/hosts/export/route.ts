import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { textStream } from "@/lib/server/text-stream";
import { parseInput } from "@/lib/core/validation";
import { queryObject } from "@/lib/core/paging";
import { exportHostChunks } from "@/lib/core/inventory/import-hosts";

const Query = z.object({ format: z.enum(["csv", "json"]).default("json") });

// Every host the list filter matches (the hosts list's parameters, without paging), streamed.
export const GET = apiRoute("read", async ({ ctx, req }) => {
  const { format: raw, ...filter } = queryObject(new URL(req.url).searchParams);
  const { format } = parseInput(Query, { format: raw });
  const chunks = exportHostChunks(ctx.db, format, filter);
  return new Response(textStream(chunks), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="virtshield-hosts.${format}"`,
    },
  });
});
