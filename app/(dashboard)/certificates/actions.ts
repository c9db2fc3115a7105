"use server";
import { runAction, type ActionState } from "@/lib/server/action";
import { enqueue } from "@/lib/core/jobs/enqueue";

// Renewal is a job (it may sign many certificates); the page links to it and follows it live.
export async function runRenewalAction(_prev: ActionState) {
  return runAction("certs:issue", "certificate.renew", async ({ ctx }) => ({ jobId: (await enqueue(ctx, "renew", {})).id }));
}
