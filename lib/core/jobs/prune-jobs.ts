import type { Db } from "@/lib/core/context";
import { FINAL_STATES } from "@/lib/core/jobs/states";

const DAY_MS = 86_400_000;

// Finished top-level jobs older than the retention go with their children and events (cascade),
// so the jobs pages stay fast however long the dashboard runs.
export async function pruneJobs(db: Db, opts: { now: Date; retentionDays: number }): Promise<{ jobs: number }> {
  const before = new Date(opts.now.getTime() - opts.retentionDays * DAY_MS);
  const { count } = await db.job.deleteMany({ where: { parentId: null, state: { in: [...FINAL_STATES] }, finishedAt: { lt: before } } });
  return { jobs: count };
}
