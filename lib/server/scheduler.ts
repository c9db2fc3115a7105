import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { pruneJobs } from "@/lib/core/jobs/prune-jobs";
import { pruneAudit } from "@/lib/core/audit/record";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logger, serverContext } from "@/lib/server/context";

const DAY_MS = 86_400_000;
const g = globalThis as unknown as { virtshieldScheduler?: NodeJS.Timeout; virtshieldPrunedAt?: number };

// The daily certificate renewal check: one "renew" job a day, never two at once.
async function enqueueRenewalIfDue(): Promise<void> {
  const recent = await db().job.findFirst({
    where: { kind: "renew", OR: [{ state: { in: ["queued", "running"] } }, { createdAt: { gt: new Date(Date.now() - DAY_MS + 60_000) } }] },
  });
  if (!recent) await enqueue(serverContext(SYSTEM_ACTOR), "renew", {});
}

// Finished jobs and audit rows older than their retention are dropped once a day.
async function pruneIfDue(): Promise<void> {
  if (g.virtshieldPrunedAt && Date.now() - g.virtshieldPrunedAt < DAY_MS) return;
  g.virtshieldPrunedAt = Date.now();
  const pruned = await pruneJobs(db(), { now: new Date(), retentionDays: env().VIRTSHIELD_JOB_RETENTION_DAYS });
  if (pruned.jobs > 0) logger().info("pruned finished jobs", pruned);
  await pruneAudit(db(), new Date(), env().VIRTSHIELD_AUDIT_RETENTION_DAYS);
}

export function startScheduler(): void {
  if (g.virtshieldScheduler) return;
  const tick = () => {
    enqueueRenewalIfDue().catch((e) => logger().error("renewal check failed", { error: String(e) }));
    pruneIfDue().catch((e) => logger().error("job pruning failed", { error: String(e) }));
  };
  setTimeout(tick, 60_000).unref();
  g.virtshieldScheduler = setInterval(tick, 3600_000);
  g.virtshieldScheduler.unref();
}
