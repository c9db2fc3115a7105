import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { getJob } from "@/lib/core/jobs/job-store";
import { jobEventStream } from "@/lib/server/job-event-stream";

export const dynamic = "force-dynamic";

const Query = z.object({ after: z.string().optional().describe("resume after this event id (like the Last-Event-ID header)") });

// Server-Sent Events; `id:` is the event's sequence number so a reconnecting browser resumes via Last-Event-ID.
export const GET = apiRoute(
  { permission: "read", summary: "A job's events as Server-Sent Events", params: IdParams, query: Query, produces: "text/event-stream" },
  async ({ ctx, params, req }) => {
    await getJob(ctx.db, params.id);
    const last = Number(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after") ?? "0");
    return new Response(jobEventStream(ctx.db, params.id, Number.isSafeInteger(last) && last > 0 ? last : 0, req.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
        connection: "keep-alive",
      },
    });
  },
);
