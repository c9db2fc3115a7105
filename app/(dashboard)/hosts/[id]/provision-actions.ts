"use server";
import { z } from "zod";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { ProvisionMode, type ProvisionPlan } from "@/lib/core/provision/types";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

const Provision = z.object({ id: Id, mode: ProvisionMode });

// The dry-run reads the host as a job and answers with the plan for the page to show.
export async function previewProvisionAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "host.provision-preview", form, Provision, async ({ ctx, input }) => {
    const { id } = await enqueue(ctx, "provision", { hostId: input.id, mode: input.mode, dryRun: true });
    const outcome = jobOutcome(await waitForJob(ctx.db, id, 120_000));
    return outcome.pending ? { jobId: id, plan: null } : { jobId: id, plan: (outcome.result as { plan: ProvisionPlan }).plan };
  });
}

export async function applyProvisionAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "host.provision", form, Provision, async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "provision", { hostId: input.id, mode: input.mode, dryRun: false })).id,
  }));
}

export async function rollbackAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "host.rollback", form, z.object({ id: Id, backupId: Id }), async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "rollback", { hostId: input.id, backupId: input.backupId })).id,
  }));
}
