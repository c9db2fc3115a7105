// Figure 2: the port matrix over 20 lab hosts, every ordered pair, port groups and TLS, as
// bench/port-matrix.ts measures it once; here 3 rounds on one inventory (1 with --quick).
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost } from "@/lib/core/inventory/hosts";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob } from "@/lib/core/jobs/job-store";
import { listPortMatrix, listTlsMatrix } from "@/lib/core/checks/matrix-store";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import { authorizeDashboardOnLab } from "@/testing/lab-inventory";
import { readLab } from "@/e2e/lab/lab";
import { summarize, timed } from "../lib/stats";
import type { FigureResult } from "../lib/report";
import type { FigureOptions } from "./types";

export const MATRIX_HOSTS = 20;
const RUNNER_CONCURRENCY = Number(process.env.VIRTSHIELD_JOB_CONCURRENCY ?? 4);

export async function matrixFigure(opts: FigureOptions): Promise<FigureResult> {
  const rounds = opts.rounds ?? (opts.quick ? 1 : 3);
  const t = await createTestDb();
  let ctx = testContext(t.db);
  try {
    await authorizeDashboardOnLab(ctx);
    const { id: clusterId } = await createCluster(ctx, { name: "bench" });
    const lab = readLab().hosts.filter((h) => Number(h.name.replace(/^hv/, "")) <= MATRIX_HOSTS);
    if (lab.length < MATRIX_HOSTS) throw new Error(`${lab.length} lab hosts up, ${MATRIX_HOSTS} needed`);
    for (const h of lab) {
      const host = await createHost(ctx, { name: h.name, address: h.address, clusterId });
      await pinHostKey(ctx, host.id, (await observeHostKey(ctx, host.id)).fingerprint);
    }
    const runner = testRunner(t.db, { ctx, concurrency: RUNNER_CONCURRENCY, pollMs: 100 });
    ctx = { ...ctx, jobs: runner };
    await runner.start();
    const seconds: number[] = [];
    let probes = 0;
    try {
      for (let r = 0; r < rounds; r++) {
        const { ms, value: job } = await timed(async () => waitForJob(t.db, (await enqueue(ctx, "port-checks", { clusterId })).id, 30 * 60_000, 100));
        if (job.state !== "succeeded") throw new Error(`port-checks ended ${job.state}: ${job.error}`);
        seconds.push(ms / 1000);
        const ports = (await listPortMatrix(t.db)).filter((c) => c.sourceId !== "dashboard").length;
        probes = ports + (await listTlsMatrix(t.db)).length;
      }
    } finally {
      await runner.stop();
    }
    const wall = summarize(seconds);
    return {
      id: "2-matrix",
      title: "2 matrices (lab)",
      status: "measured",
      measures: [
        { name: `${MATRIX_HOSTS} hosts, ${MATRIX_HOSTS * (MATRIX_HOSTS - 1)} ordered pairs`, unit: "s", summary: wall, detail: `${probes} probes (port groups + TLS)`, target: { text: "≤ 10 s", met: wall.median <= 10 } },
        { name: "probes per second", unit: "/s", value: probes / wall.median },
      ],
      context: { rounds, runnerConcurrency: RUNNER_CONCURRENCY, probes },
    };
  } finally {
    await t.cleanup();
  }
}
