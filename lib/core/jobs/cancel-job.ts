import type { CoreContext } from "@/lib/core/context";
import { recordAudit } from "@/lib/core/audit/record";
import { DomainError } from "@/lib/core/errors";
import { getJob, transitionJob, type JobView } from "@/lib/core/jobs/job-store";
import { FINAL_STATES } from "@/lib/core/jobs/states";

// The job and all its unfinished descendants, parents first.
async function unfinishedTree(ctx: CoreContext, rootId: string): Promise<{ id: string; state: string }[]> {
  const out: { id: string; state: string }[] = [];
  let frontier = [rootId];
  while (frontier.length > 0) {
    const rows = await ctx.db.job.findMany({ where: { id: { in: frontier }, state: { notIn: [...FINAL_STATES] } }, select: { id: true, state: true } });
    out.push(...rows);
    frontier = (await ctx.db.job.findMany({ where: { parentId: { in: frontier } }, select: { id: true } })).map((r) => r.id);
  }
  return out;
}

// Marks the tree as cancel-requested; queued jobs end at once, running ones when their handler
// sees the signal (the runner aborts them now, or at its next tick if it runs elsewhere).
export async function requestCancel(ctx: CoreContext, jobId: string, reason: string): Promise<number> {
  const tree = await unfinishedTree(ctx, jobId);
  const ids = tree.map((j) => j.id);
  await ctx.db.job.updateMany({ where: { id: { in: ids }, cancelRequestedAt: null }, data: { cancelRequestedAt: ctx.now(), cancelledBy: ctx.actor.name } });
  for (const j of tree) {
    if (j.state === "queued") await transitionJob(ctx.db, j.id, "queued", "cancelled", { error: reason, now: ctx.now() });
    else ctx.jobs?.abort(j.id);
  }
  return ids.length;
}

// Cancel from the API or the UI: the job's creator or an admin, audited.
export async function cancelJob(ctx: CoreContext, jobId: string): Promise<JobView> {
  const job = await getJob(ctx.db, jobId);
  if (ctx.actor.role !== "admin" && job.createdBy !== ctx.actor.name) {
    await recordAudit(ctx, { action: "job.cancel", targetType: "job", targetId: jobId, result: "refused", detail: { reason: "not the creator" } });
    throw new DomainError("FORBIDDEN", "Only the job's creator or an admin may cancel it");
  }
  if ((FINAL_STATES as readonly string[]).includes(job.state)) throw new DomainError("CONFLICT", `The job has already ${job.state === "cancelled" ? "been cancelled" : job.state}`);
  const count = await requestCancel(ctx, jobId, `Cancelled by ${ctx.actor.name}`);
  await recordAudit(ctx, { action: "job.cancel", targetType: "job", targetId: jobId, detail: { kind: job.kind, jobs: count } });
  return getJob(ctx.db, jobId);
}
