import { apiRoute } from "@/lib/server/route";
import { renderMetrics } from "@/lib/core/metrics/render-metrics";

export const dynamic = "force-dynamic";

// Prometheus scrapes with a viewer token (bearer_token in scrape_config).
export const GET = apiRoute(
  { permission: "read", summary: "Prometheus metrics (scrape with a viewer token)", produces: "text/plain; version=0.0.4" },
  async ({ ctx }) =>
    new Response(await renderMetrics(ctx.db, ctx.now()), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } }),
);
