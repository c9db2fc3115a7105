// Figure 1: 5 and 20 lab hosts from the seeds' insecure start to TLS-verified in one fleet job,
// against the same hosts one `provision` job at a time, interleaved; every run is followed by a
// rollback of each host to its first backup, so each starts from the insecure start again.
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob, type JobView } from "@/lib/core/jobs/job-store";
import { labFleet } from "@/testing/lab-inventory";
import { testRunner } from "@/testing/job-runner";
import { cpuDuring, type CpuUse } from "../lib/cpu";
import { interleave, median, summarize, timed } from "../lib/stats";
import type { FigureResult, Measure } from "../lib/report";
import type { FigureOptions } from "./types";

const JOB_TIMEOUT_MS = 30 * 60_000;
// The product's defaults (lib/server/env.ts, provision-job.ts): the figure is what a user gets.
const RUNNER_CONCURRENCY = Number(process.env.VIRTSHIELD_JOB_CONCURRENCY ?? 4);

export async function provisioningFigure(opts: FigureOptions): Promise<FigureResult> {
  const sizes = opts.quick ? [5] : [5, 20];
  const rounds = opts.rounds ?? (opts.quick ? 1 : 3);
  const names = Array.from({ length: Math.max(...sizes) }, (_, i) => `hv${i + 1}`);
  const { t, ctx: base, ids } = await labFleet(names.map((name) => ({ name })));
  const runner = testRunner(t.db, { ctx: base, concurrency: RUNNER_CONCURRENCY, pollMs: 100 });
  const ctx: CoreContext = { ...base, jobs: runner };
  await runner.start();
  const run = async (kind: string, input: unknown): Promise<JobView> => {
    const { id } = await enqueue(ctx, kind, input);
    const job = await waitForJob(t.db, id, JOB_TIMEOUT_MS, 100);
    if (job.state !== "succeeded") throw new Error(`${kind} ${JSON.stringify(input)} ended ${job.state}: ${job.error}`);
    return job;
  };
  const reset = async (hostIds: string[]) => {
    await Promise.all(hostIds.map(async (hostId) => {
      const first = await t.db.hostBackup.findFirst({ where: { hostId }, orderBy: { createdAt: "asc" } });
      if (first) await run("rollback", { hostId, backupId: first.id });
    }));
  };
  const converged = async (hostIds: string[]) => {
    const n = await t.db.hostProvision.count({ where: { hostId: { in: hostIds } } });
    if (n !== hostIds.length) throw new Error(`${hostIds.length - n} host(s) not converged after a succeeded job`);
  };
  const measures: Measure[] = [];
  const cpuOf: Record<string, CpuUse[]> = {};
  // Wall seconds of one run, with the CPU it took beside it (kept per variant and size).
  const measured = async (key: string, fn: () => Promise<unknown>): Promise<number> => {
    const { value: { ms }, cpu } = await cpuDuring(() => timed(fn));
    (cpuOf[key] ??= []).push(cpu);
    return ms / 1000;
  };
  const cpuNote = (key: string, hosts: number) => {
    const c = cpuOf[key];
    return `machine CPU ${Math.round(median(c.map((x) => x.machineBusy)) * 100)}% busy, dashboard process ${(median(c.map((x) => x.processSeconds)) / hosts).toFixed(2)} s CPU per host`;
  };
  try {
    for (const size of sizes) {
      const hostIds = names.slice(0, size).map((n) => ids[n]);
      opts.log(`provisioning ${size} hosts: fleet job vs one at a time, ${rounds} round(s)`);
      const out = await interleave(rounds, {
        fleet: async () => {
          const s = await measured(`fleet${size}`, () => run("provision-fleet", { hostIds }));
          await converged(hostIds);
          await reset(hostIds);
          return s;
        },
        oneAtATime: async () => {
          const s = await measured(`serial${size}`, async () => {
            for (const hostId of hostIds) await run("provision", { hostId, dryRun: false });
          });
          await converged(hostIds);
          await reset(hostIds);
          return s;
        },
      });
      const fleet = summarize(out.fleet);
      const ratio = median(out.oneAtATime) / fleet.median;
      const big = size === 20;
      measures.push(
        { name: `${size} hosts, fleet job`, unit: "s", summary: fleet, detail: `${((size / fleet.median) * 60).toFixed(1)} hosts/min; ${cpuNote(`fleet${size}`, size)}`, ...(big ? { target: { text: "≤ 60 s", met: fleet.median <= 60 } } : {}) },
        { name: `${size} hosts, one at a time`, unit: "s", summary: summarize(out.oneAtATime), detail: cpuNote(`serial${size}`, size) },
        { name: `${size} hosts, one at a time / fleet`, unit: "x", value: ratio, ...(big ? { target: { text: "≥ 10x", met: ratio >= 10 } } : {}) },
      );
    }
    return {
      id: "1-provisioning",
      title: "1 provisioning (lab)",
      status: "measured",
      measures,
      context: { rounds, runnerConcurrency: RUNNER_CONCURRENCY, fleetParallelism: "product default (provision-fleet input)", reset: "rollback to each host's first backup, not timed" },
    };
  } finally {
    await runner.stop();
    await t.cleanup();
  }
}
