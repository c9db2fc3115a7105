import { apiRoute } from "@/lib/server/route";
import { listJobs } from "@/lib/core/jobs/list-jobs";

// A JSON array (the contract), one page of it; the total and the next page are in the headers.
export const GET = apiRoute("read", async ({ ctx, req }) => {
  const url = new URL(req.url);
  const page = await listJobs(ctx.db, Object.fromEntries(url.searchParams));
  const headers = new Headers({ "X-Total-Count": String(page.total) });
  if (page.page * page.limit < page.total) {
    url.searchParams.set("page", String(page.page + 1));
    headers.set("Link", `<${url.pathname}${url.search}>; rel="next"`);
  }
  return Response.json(page.items, { headers });
});
