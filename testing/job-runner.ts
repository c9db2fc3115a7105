// A job runner wired for tests: the test's context (or a fresh one), the given registry, and a
// connector of the test's choosing (the fake, or the real SSH one against the lab).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CoreContext } from "@/lib/core/context";
import type { JobRegistry } from "@/lib/core/jobs/define-job";
import { JobRunner } from "@/lib/core/jobs/runner";
import { getHost } from "@/lib/core/inventory/hosts";
import { hostConnector, sshConnector, type Connector } from "@/lib/core/ssh/host-connector";
import { testContext } from "@/testing/test-db";

export function testRunner(db: PrismaClient, opts: { registry?: JobRegistry; concurrency?: number; ctx?: CoreContext; connect?: Connector; pollMs?: number } = {}): JobRunner {
  const base = opts.ctx ?? testContext(db);
  const runner: JobRunner = new JobRunner({
    db,
    concurrency: opts.concurrency ?? 4,
    log: base.log,
    registry: opts.registry,
    pollMs: opts.pollMs ?? 50,
    context: (createdBy) => ({ ...base, actor: { ...base.actor, name: createdBy ?? base.actor.name }, jobs: runner }),
    connector: (ctx, signal) => hostConnector({ loadHost: (id) => getHost(ctx.db, id), connect: opts.connect ?? sshConnector(ctx), signal }),
  });
  return runner;
}
