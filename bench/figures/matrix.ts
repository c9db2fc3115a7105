// Figure 2: the port and TLS matrices over 20 lab hosts, every ordered pair: the port groups
// (22, 16514, 16509, the migration range) and virsh over TLS. The hosts are provisioned first
// (one fleet job, not timed) so that every pair has TLS to probe; each round is one
// `port-checks` job; afterwards every host goes back to its first backup (the insecure start).
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob } from "@/lib/core/jobs/job-store";
import { listPortMatrix, listTlsMatrix } from "@/lib/core/checks/matrix-store";
import { labFleet } from "@/testing/lab-inventory";
import { testRunner } from "@/testing/job-runner";
import { cpuDuring, type CpuUse } from "../lib/cpu";
import { median, summarize, timed } from "../lib/stats";
import type { FigureResult } from "../lib/report";
import type { FigureOptions } from "./types";

export const MATRIX_HOSTS = 20;
const PAIRS = MATRIX_HOSTS * (MATRIX_HOSTS - 1);
const JOB_TIMEOUT_MS = 30 * 60_000;
const RUNNER_CONCURRENCY = Number(process.env.VIRTSHIELD_JOB_CONCURRENCY ?? 4);

export async function matrixFigure(opts: FigureOptions): Promise<FigureResult> {
  const rounds = opts.rounds ?? (opts.quick ? 1 : 3);
  const names = Array.from({ length: MATRIX_HOSTS }, (_, i) => `hv${i + 1}`);
  const { t, ctx: base, ids, clusterId } = await labFleet(names.map((name) => ({ name })));
  const runner = testRunner(t.db, { ctx: base, concurrency: RUNNER_CONCURRENCY, pollMs: 100 });
  const ctx: CoreContext = { ...base, jobs: runner };
  const run = async (kind: string, input: unknown) => {
    const job = await waitForJob(t.db, (await enqueue(ctx, kind, input)).id, JOB_TIMEOUT_MS, 100);
    if (job.state !== "succeeded") throw new Error(`${kind} ended ${job.state}: ${job.error}`);
    return job;
  };
  await runner.start();
  try {
    opts.log(`matrix: provisioning ${MATRIX_HOSTS} hosts (not timed)`);
    await run("provision-fleet", { hostIds: Object.values(ids) });
    const seconds: number[] = [];
    const cpu: CpuUse[] = [];
    let probes = 0;
    for (let r = 0; r < rounds; r++) {
      const { value: { ms }, cpu: used } = await cpuDuring(() => timed(() => run("port-checks", { clusterId })));
      seconds.push(ms / 1000);
      cpu.push(used);
      const ports = (await listPortMatrix(t.db)).filter((c) => c.sourceId !== "dashboard").length;
      const tls = await listTlsMatrix(t.db);
      // The figure is for the whole matrix: a round that skipped or failed TLS pairs does not count.
      const ok = tls.filter((c) => c.state === "ok").length;
      if (ok !== PAIRS) throw new Error(`round ${r + 1}: ${ok} of ${PAIRS} TLS pairs ok`);
      probes = ports + tls.length;
      opts.log(`matrix: round ${r + 1} ${(ms / 1000).toFixed(1)} s, ${ports} port probes, ${tls.length} TLS probes`);
    }
    const wall = summarize(seconds);
    return {
      id: "2-matrix",
      title: "2 matrices (lab)",
      status: "measured",
      measures: [
        { name: `${MATRIX_HOSTS} hosts, ${PAIRS} ordered pairs`, unit: "s", summary: wall, detail: `${probes} probes (port groups + ${PAIRS} TLS); machine CPU ${Math.round(median(cpu.map((c) => c.machineBusy)) * 100)}% busy, dashboard process ${median(cpu.map((c) => c.processSeconds)).toFixed(1)} s CPU`, target: { text: "≤ 10 s", met: wall.median <= 10 } },
        { name: "probes per second", unit: "/s", value: probes / wall.median },
      ],
      context: { rounds, runnerConcurrency: RUNNER_CONCURRENCY, probes, hostsProvisioned: "one provision-fleet job before the rounds, not timed" },
    };
  } finally {
    try {
      for (const hostId of Object.values(ids)) {
        const first = await t.db.hostBackup.findFirst({ where: { hostId }, orderBy: { createdAt: "asc" } });
        if (first) await run("rollback", { hostId, backupId: first.id }).catch((e: unknown) => opts.log(`matrix: could not restore a host: ${e instanceof Error ? e.message : String(e)}`));
      }
    } finally {
      await runner.stop();
      await t.cleanup();
    }
  }
}
