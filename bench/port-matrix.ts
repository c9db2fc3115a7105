// Benchmark, not a test: the port matrix over every lab host (SPEC: 20 hosts, 380 ordered pairs
// x 6 probes). Needs the lab: `bash e2e/lab/lab.sh up --hosts 20`, then
// `npx tsx bench/port-matrix.ts`. Prints wall time and probes/s.
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost } from "@/lib/core/inventory/hosts";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob } from "@/lib/core/jobs/job-store";
import { listPortMatrix } from "@/lib/core/checks/matrix-store";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import { authorizeDashboardOnLab } from "@/testing/lab-inventory";
import { readLab } from "@/e2e/lab/lab";

async function main(): Promise<void> {
  const t = await createTestDb();
  let ctx = testContext(t.db);
  try {
    await authorizeDashboardOnLab(ctx);
    const { id: clusterId } = await createCluster(ctx, { name: "bench" });
    for (const h of readLab().hosts) {
      const host = await createHost(ctx, { name: h.name, address: h.address, clusterId });
      await pinHostKey(ctx, host.id, (await observeHostKey(ctx, host.id)).fingerprint);
    }
    const runner = testRunner(t.db, { ctx, concurrency: 8, pollMs: 100 });
    ctx = { ...ctx, jobs: runner };
    await runner.start();
    const start = performance.now();
    const { id } = await enqueue(ctx, "port-checks", { clusterId });
    const job = await waitForJob(t.db, id, 30 * 60_000, 100);
    const seconds = (performance.now() - start) / 1000;
    await runner.stop();
    const cells = (await listPortMatrix(t.db)).filter((c) => c.sourceId !== "dashboard");
    const byState = Object.fromEntries([...new Set(cells.map((c) => c.state))].map((s) => [s, cells.filter((c) => c.state === s).length]));
    const hosts = readLab().hosts.length;
    console.log(JSON.stringify({ hosts, orderedPairs: hosts * (hosts - 1), probes: cells.length, job: job.state, wallSeconds: Number(seconds.toFixed(2)), probesPerSecond: Number((cells.length / seconds).toFixed(1)), byState }, null, 2));
  } finally {
    await t.cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
