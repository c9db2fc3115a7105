import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { Id } from "@/lib/core/validation";

// Puts the host back to a chosen backup (a job, audited): files, sockets, the product's firewall table.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Restore one of the host's backups (a job)",
    params: IdParams,
    body: z.strictObject({ backupId: Id }),
    status: 202,
    response: JobAccepted,
  },
  async ({ ctx, params, body }) => Response.json({ jobId: (await enqueue(ctx, "rollback", { hostId: params.id, backupId: body.backupId })).id }, { status: 202 }),
);
