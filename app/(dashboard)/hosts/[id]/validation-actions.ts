"use server";
import { z } from "zod";
import { Id } from "@/lib/core/validation";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { runFormAction, type ActionState } from "@/lib/server/action";

const HostId = z.object({ id: Id });

// Validation reads the host over SSH: a job the browser follows, then the page shows what it stored.
export async function validatePkiAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "host.validate-pki", form, HostId, async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "validate", { hostId: input.id })).id,
  }));
}
