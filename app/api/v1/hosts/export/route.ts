import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { exportHosts } from "@/lib/core/inventory/import-hosts";

const Query = z.object({ format: z.enum(["csv", "json"]).default("json") });

export const GET = apiRoute("read", async ({ ctx, req }) => {
  const { format } = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  return new Response(await exportHosts(ctx.db, format), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="virtshield-hosts.${format}"`,
    },
  });
});
