"use server";
import { z } from "zod";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

const CheckForm = z.object({ clusterId: z.union([z.literal(""), Id]).optional() });

// A check is a job (one child per source host); the page follows it live and reloads at the end.
export async function startPortChecksAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "port-checks.start", form, CheckForm, async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "port-checks", input.clusterId ? { clusterId: input.clusterId } : {})).id,
  }));
}
