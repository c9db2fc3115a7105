import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { JobAccepted } from "@/lib/server/api-schemas";
import { dueForRenewal } from "@/lib/core/pki/renewal";
import { enqueue } from "@/lib/core/jobs/enqueue";

const RenewalCandidate = z.object({ hostId: z.string(), hostName: z.string(), reason: z.string() });

export const GET = apiRoute(
  { permission: "read", summary: "Hosts due for certificate renewal", response: z.array(RenewalCandidate) },
  ({ ctx }) => dueForRenewal(ctx.db, ctx.now()),
);

export const POST = apiRoute(
  { permission: "certs:issue", summary: "Start a renewal job", response: JobAccepted, status: 202 },
  async ({ ctx }) => Response.json({ jobId: (await enqueue(ctx, "renew", {})).id }, { status: 202 }),
);
