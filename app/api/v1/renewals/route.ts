import { apiRoute } from "@/lib/server/route";
import { dueForRenewal } from "@/lib/core/pki/renewal";
import { enqueueJob } from "@/lib/server/jobs";

export const GET = apiRoute("read", ({ ctx }) => dueForRenewal(ctx.db, ctx.now()));
export const POST = apiRoute("certs:issue", async ({ actor }) => Response.json({ jobId: await enqueueJob(actor, { kind: "renew" }) }, { status: 202 }));
