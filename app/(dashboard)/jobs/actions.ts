"use server";
import { z } from "zod";
import { cancelJob } from "@/lib/core/jobs/cancel-job";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

export async function cancelJobAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "job.cancel", form, z.object({ id: Id }), async ({ ctx, input }) => {
    const job = await cancelJob(ctx, input.id);
    return { state: job.state };
  });
}
