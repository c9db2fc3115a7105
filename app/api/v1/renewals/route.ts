import { apiRoute } from "@/lib/server/route";
import { dueForRenewal } from "@/lib/core/pki/renewal";
import { enqueue } from "@/lib/core/jobs/enqueue";

export const GET = apiRoute("read", ({ ctx }) => dueForRenewal(ctx.db, ctx.now()));
export const POST = apiRoute("certs:issue", async ({ ctx }) => Response.json({ jobId: (await enqueue(ctx, "renew", {})).id }, { status: 202 }));
