import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { getHost } from "@/lib/core/inventory/hosts";
import { listBackups } from "@/lib/core/provision/rollback-job";

const Backup = z.object({ id: z.string(), dir: z.string(), jobId: z.string().nullable(), createdAt: z.string(), restoredAt: z.string().nullable(), files: z.array(z.string()) });

export const GET = apiRoute(
  {
    permission: "read",
    summary: "The backups provisioning took on the host, newest first (the files stay on the host)",
    params: IdParams,
    response: z.array(Backup),
  },
  async ({ ctx, params }) => {
    await getHost(ctx.db, params.id);
    return listBackups(ctx.db, params.id);
  },
);
