"use server";
import { z } from "zod";
import { Id } from "@/lib/core/validation";
import { DomainError } from "@/lib/core/errors";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import type { GuestList } from "@/lib/core/migrate/domains-job";
import { isPreflightRefused, runPreflight, startMigration } from "@/lib/core/migrate/start-migration";
import type { PreflightCheck } from "@/lib/core/migrate/preflight-types";
import { runAction } from "@/lib/server/action";

const Pair = z.object({ hostId: Id, destHostId: Id.optional() });

export async function guestsForMigrationAction(raw: { hostId: string; destHostId?: string }) {
  return runAction("jobs:run", "migration.list-guests", async ({ ctx }) => {
    const { id } = await enqueue(ctx, "domains", Pair.parse(raw));
    const outcome = jobOutcome(await waitForJob(ctx.db, id, 120_000));
    if (outcome.pending) throw new DomainError("CONFLICT", `Still reading the guests (job ${id}); try again in a moment`);
    return outcome.result as GuestList;
  }, { revalidate: false });
}

export async function checkMigrationAction(raw: unknown) {
  return runAction("jobs:run", "migration.preflight", async ({ ctx }) => (await runPreflight(ctx, raw)).result, { revalidate: false });
}

// A refused pre-flight comes back as data, so the form can show the checklist that refused it.
export async function startMigrationAction(raw: unknown) {
  return runAction("jobs:run", "migration.start", async ({ ctx }): Promise<{ jobId: string | null; checks: PreflightCheck[]; refused: string | null }> => {
    try {
      const r = await startMigration(ctx, raw);
      return { jobId: r.jobId, checks: r.checks, refused: null };
    } catch (e) {
      if (isPreflightRefused(e)) return { jobId: null, checks: e.checks, refused: e.message };
      throw e;
    }
  });
}
