"use server";
import { z } from "zod";
import { Id } from "@/lib/core/validation";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { DomainError } from "@/lib/core/errors";
import type { GuestList } from "@/lib/core/migrate/domains-job";
import { runAction } from "@/lib/server/action";

const Input = z.object({ hostId: Id, destHostId: Id.optional() });

// Reading the guests is a job over SSH; the card waits for it (as the API does).
export async function listGuestsAction(raw: { hostId: string; destHostId?: string }) {
  return runAction("read", "host.list-guests", async ({ ctx }) => {
    const input = Input.parse(raw);
    const { id } = await enqueue(ctx, "domains", input);
    const outcome = jobOutcome(await waitForJob(ctx.db, id, 120_000));
    if (outcome.pending) throw new DomainError("CONFLICT", `Still reading the guests (job ${id}); try again in a moment`);
    return outcome.result as GuestList;
  }, { revalidate: false });
}
