import { apiRoute } from "@/lib/server/route";
import { PreflightAnswer } from "@/lib/server/migration-schemas";
import { MigrationRequest } from "@/lib/core/migrate/preflight-job";
import { runPreflight } from "@/lib/core/migrate/start-migration";

// The checklist alone, for a look before migrating: nothing changes on either host.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "The pre-flight checklist of a migration, without migrating",
    body: MigrationRequest,
    response: PreflightAnswer,
  },
  async ({ ctx, body }) => {
    const { jobId, result } = await runPreflight(ctx, body);
    return { jobId, ...result };
  },
);
