import type { Actor } from "@/lib/core/auth/roles";
import { createJob } from "@/lib/core/jobs/job-store";
import { recordAudit } from "@/lib/core/audit/record";
import { getHost, type HostView } from "@/lib/core/inventory/hosts";
import { requirePinned } from "@/lib/core/ssh/host-connector";
import { JobRunner } from "@/lib/core/jobs/runner";
import { jobHandlers } from "@/lib/server/job-handlers";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/context";

const g = globalThis as unknown as { virtshieldRunner?: JobRunner; virtshieldRunnerStart?: Promise<unknown> };

// One in-process runner per server, kept on globalThis; started from instrumentation.ts.
export function runner(): JobRunner {
  if (!g.virtshieldRunner) {
    g.virtshieldRunner = new JobRunner({ db: db(), handlers: jobHandlers(), concurrency: env().VIRTSHIELD_JOB_CONCURRENCY, log: logger() });
  }
  return g.virtshieldRunner;
}

export function startRunner(): Promise<unknown> {
  return (g.virtshieldRunnerStart ??= runner().start());
}

export async function enqueueJob(actor: Actor, job: { kind: string; hostId?: string | null; input?: unknown }): Promise<string> {
  const id = await createJob(db(), { ...job, createdBy: actor.name });
  await recordAudit({ db: db(), actor, now: () => new Date() }, { action: `job.${job.kind}`, targetType: job.hostId ? "host" : "job", targetId: job.hostId ?? id, detail: { jobId: id } });
  await startRunner();
  runner().poke();
  return id;
}

// Jobs that work on a host over SSH: refused up front (422) while its key is unpinned, rather than failing later.
export async function enqueueHostJob(actor: Actor, kind: "facts" | "scan", hostId: string): Promise<{ jobId: string; host: HostView }> {
  const host = await getHost(db(), hostId);
  requirePinned(host);
  return { jobId: await enqueueJob(actor, { kind, hostId: host.id }), host };
}
