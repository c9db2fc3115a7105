import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { JobSummary } from "@/lib/server/api-schemas";
import { JobListQuery, listJobs } from "@/lib/core/jobs/list-jobs";
import { pageHeaders } from "@/lib/core/paging";

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
    const page = await listJobs(ctx.db, query);
    return Response.json(page.items, { headers: pageHeaders(req.url, page) });
  },
);
