import { apiRoute } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { PortChecksInput } from "@/lib/core/checks/port-check-job";
import { enqueue } from "@/lib/core/jobs/enqueue";

// Probes run as a job (one child per source host); follow it at /api/v1/jobs/{jobId}.
export const POST = apiRoute(
  {
    permission: "jobs:run",
    summary: "Start a port and TLS check (a job)",
    description: "hostIds: probe every ordered pair of these hosts; clusterId: of that cluster; neither: every pair within each cluster.",
    body: PortChecksInput,
    response: JobAccepted,
    status: 202,
  },
  async ({ ctx, body }) => Response.json({ jobId: (await enqueue(ctx, "port-checks", body)).id }, { status: 202 }),
);
