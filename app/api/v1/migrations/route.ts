import { z } from "zod";
import { apiRoute, errorResponse } from "@/lib/server/route";
import { MigrationStarted, PreflightFailed } from "@/lib/server/migration-schemas";
import { pageHeaders } from "@/lib/core/paging";
import { MigrationListQuery, MigrationView, pageMigrations } from "@/lib/core/migrate/migration-store";
import { MigrationRequest } from "@/lib/core/migrate/preflight-job";
import { isPreflightRefused, startMigration } from "@/lib/core/migrate/start-migration";

export const GET = apiRoute(
  {
    permission: "read",
    summary: "Migration history, one page, newest first",
    description: "Who, guest, source, destination, transport (tls only with tls-creds evidence, else unproven; plain), flags, timings, bytes, speeds, downtime, outcome, libvirt's error and the explanation.",
    paged: true,
    query: MigrationListQuery,
    response: z.array(MigrationView),
  },
  async ({ ctx, req, query }) => {
    const page = await pageMigrations(ctx.db, query);
    return Response.json(page.items, { headers: pageHeaders(req.url, page) });
  },
);

// The pre-flight runs first (a job, waited for); refused, the answer carries the checklist.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Live-migrate a guest (pre-flight, then a job)",
    description: "422 with the failed checks when the pre-flight refuses; 202 {jobId} once the migration job is queued. allowPlain confirms a plain-TCP migration where the cluster policy permits it (audited).",
    body: MigrationRequest,
    status: 202,
    response: MigrationStarted,
    otherResponses: { 422: { description: "The pre-flight failed", schema: PreflightFailed } },
  },
  async ({ ctx, req, body }) => {
    try {
      return await startMigration(ctx, body);
    } catch (e) {
      if (!isPreflightRefused(e)) throw e;
      const base = (await errorResponse(e, req).json()) as { error: object };
      return Response.json({ ...base, checks: e.checks }, { status: 422 });
    }
  },
);
