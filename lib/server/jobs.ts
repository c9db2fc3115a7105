import { SYSTEM_ACTOR, type Actor } from "@/lib/core/auth/roles";
import { JobRunner } from "@/lib/core/jobs/runner";
import { getHost } from "@/lib/core/inventory/hosts";
import { hostConnector, sshConnector } from "@/lib/core/ssh/host-connector";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logger, registerJobControl, serverContext } from "@/lib/server/context";

const g = globalThis as unknown as { virtshieldRunner?: JobRunner; virtshieldRunnerStart?: Promise<unknown> };

// Jobs run as their creator; what they may do was checked when they were queued.
function jobActor(createdBy: string | null): Actor {
  return !createdBy || createdBy === SYSTEM_ACTOR.name ? SYSTEM_ACTOR : { type: "system", id: null, name: createdBy, role: "admin" };
}

// One in-process runner per server, kept on globalThis; started from instrumentation.ts.
export function runner(): JobRunner {
  if (!g.virtshieldRunner) {
    const timeout = env().VIRTSHIELD_SSH_TIMEOUT_MS;
    g.virtshieldRunner = new JobRunner({
      db: db(),
      concurrency: env().VIRTSHIELD_JOB_CONCURRENCY,
      log: logger(),
      context: (createdBy) => serverContext(jobActor(createdBy)),
      connector: (ctx, signal) => hostConnector({ loadHost: (id) => getHost(ctx.db, id), connect: sshConnector(ctx, timeout), signal }),
    });
    registerJobControl(g.virtshieldRunner);
  }
  return g.virtshieldRunner;
}

export function startRunner(): Promise<unknown> {
  return (g.virtshieldRunnerStart ??= runner().start());
}
