// Job kinds for runner tests: each does one thing a real kind does (steps, locks, children, waits).
import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import { Id } from "@/lib/core/validation";
import { defineJob, jobRegistryOf, type JobContext } from "@/lib/core/jobs/define-job";

export interface Probe {
  active: Map<string, number>;
  maxOverlap: number;
  running: number;
  maxRunning: number;
  release?: () => void;
}

export const newProbe = (): Probe => ({ active: new Map(), maxOverlap: 0, running: 0, maxRunning: 0 });

const untilAborted = (ctx: JobContext) => new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));

export function testKinds(probe: Probe) {
  const hold = async (hosts: string[], ms: number) => {
    probe.running++;
    probe.maxRunning = Math.max(probe.maxRunning, probe.running);
    for (const h of hosts) {
      probe.active.set(h, (probe.active.get(h) ?? 0) + 1);
      probe.maxOverlap = Math.max(probe.maxOverlap, probe.active.get(h)!);
    }
    await new Promise((r) => setTimeout(r, ms));
    for (const h of hosts) probe.active.set(h, probe.active.get(h)! - 1);
    probe.running--;
  };
  return jobRegistryOf([
    defineJob({
      kind: "demo",
      input: z.strictObject({}),
      permission: "jobs:run",
      locks: () => [],
      run: async (_ctx, { report }) => {
        await report.step("connect", async () => "ok", (x) => `said ${x}`);
        await report.progress(50, "half");
        await report.skip("optional", "not needed");
        return { answer: 42 };
      },
    }),
    defineJob({
      kind: "fail",
      input: z.strictObject({ how: z.enum(["domain", "crash"]) }),
      permission: "jobs:run",
      locks: () => [],
      run: async (_ctx, { report }, { how }) =>
        report.step("ssh", async () => {
          if (how === "domain") throw new DomainError("HOST_UNREACHABLE", "hv1 did not answer");
          throw new Error("secret internals /root/.ssh/id");
        }),
    }),
    defineJob({
      kind: "work",
      input: z.strictObject({ hosts: z.array(Id).min(1), ms: z.number().int().min(0).default(20) }),
      permission: "jobs:run",
      locks: (i) => i.hosts,
      run: async (_ctx, _job, { hosts, ms }) => hold(hosts, ms),
    }),
    defineJob({
      kind: "wait-for-cancel",
      input: z.strictObject({ hostId: Id.optional() }),
      permission: "jobs:run",
      locks: (i) => (i.hostId ? [i.hostId] : []),
      run: async (ctx, { report }, { hostId }) => {
        if (hostId) {
          const { conn } = await ctx.ssh.open(hostId);
          await report.step("long command", () => conn.exec(["sleep", "3600"]));
          return;
        }
        await report.step("wait", () => untilAborted(ctx));
      },
    }),
    defineJob({
      kind: "fleet",
      input: z.strictObject({ hosts: z.array(Id).min(1), parallelism: z.number().int().min(1), child: z.enum(["work", "wait-for-cancel", "flaky"]).default("work") }),
      permission: "jobs:run",
      locks: () => [],
      run: async (_ctx, job, { hosts, parallelism, child }) =>
        job.spawn(hosts.map((h) => ({ kind: child, input: child === "work" ? { hosts: [h], ms: 30 } : child === "flaky" ? { hostId: h } : {} })), { parallelism }),
    }),
    defineJob({
      kind: "flaky",
      input: z.strictObject({ hostId: Id }),
      permission: "jobs:run",
      locks: (i) => [i.hostId],
      run: async (ctx, _job, { hostId }) => {
        const host = await ctx.db.host.findUniqueOrThrow({ where: { id: hostId } });
        if (host.name.endsWith("2")) throw new DomainError("REMOTE_COMMAND_FAILED", `${host.name} broke`);
        return { ok: host.name };
      },
    }),
  ]);
}
