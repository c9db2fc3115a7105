import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { JobSummary } from "@/lib/server/api-schemas";
import { JobListQuery, listJobs } from "@/lib/core/jobs/list-jobs";

// A JSON array (the contract), one page of it; the total and the next page are in the headers.
export const GET = apiRoute(
  {
    permission: "read",
    summary: "Jobs, newest first, one page",
    description: "Top-level jobs unless `parentId` or `hostId` is given.",
    paged: true,
    query: JobListQuery,
    response: z.array(JobSummary),
  },
  async ({ ctx, req, query }) => {
    const url = new URL(req.url);
    const page = await listJobs(ctx.db, query);
    const headers = new Headers({ "X-Total-Count": String(page.total) });
    if (page.page * page.limit < page.total) {
      url.searchParams.set("page", String(page.page + 1));
      headers.set("Link", `<${url.pathname}${url.search}>; rel="next"`);
    }
    return Response.json(page.items, { headers });
  },
);
