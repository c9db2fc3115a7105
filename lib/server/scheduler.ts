import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { db } from "@/lib/server/db";
import { enqueueJob } from "@/lib/server/jobs";
import { logger } from "@/lib/server/context";

const DAY_MS = 86_400_000;
const g = globalThis as unknown as { virtshieldScheduler?: NodeJS.Timeout };

// The daily certificate renewal check: one "renew" job a day, never two at once.
async function enqueueRenewalIfDue(): Promise<void> {
  const recent = await db().job.findFirst({
    where: { kind: "renew", OR: [{ state: { in: ["queued", "running"] } }, { createdAt: { gt: new Date(Date.now() - DAY_MS + 60_000) } }] },
  });
  if (!recent) await enqueueJob(SYSTEM_ACTOR, { kind: "renew" });
}

export function startScheduler(): void {
  if (g.virtshieldScheduler) return;
  const tick = () => enqueueRenewalIfDue().catch((e) => logger().error("renewal check failed", { error: String(e) }));
  setTimeout(tick, 60_000).unref();
  g.virtshieldScheduler = setInterval(tick, 3600_000);
  g.virtshieldScheduler.unref();
}
