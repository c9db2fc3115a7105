// The port matrix against the lab's real hosts: probes go from each host over SSH, and a host
// whose nftables drops the migration range shows those cells as timeout, while a port nobody
// listens on, on a reachable host, shows refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost } from "@/lib/core/inventory/hosts";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import { waitForJob } from "@/lib/core/jobs/job-store";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { factsJob } from "@/lib/core/facts/facts-job";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import { authorizeDashboardOnLab } from "@/testing/lab-inventory";
import { labCommand, labHost } from "@/e2e/lab/lab";
import { portCheckSourceJob, portChecksJob } from "./port-check-job";
import { listPortMatrix, type PortMatrixEntry } from "./matrix-store";
import { portsFor } from "./port-probe-script";
import { parseStoredFacts } from "./check-hosts";

const registry = jobRegistryOf([factsJob, portChecksJob, portCheckSourceJob]);
const NAMES = ["hv1", "hv2", "hv3"] as const;
let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let runner: JobRunner;
let clusterId: string;
const ids: Record<string, string> = {};

async function runJob(kind: string, input: unknown): Promise<void> {
  const { id } = await enqueue(ctx, kind, input, { registry });
  const job = await waitForJob(t.db, id, 120_000);
  expect(job.state, job.error ?? "").toBe("succeeded");
}

const cellsTo = (m: PortMatrixEntry[], dest: string, port: number) => m.filter((c) => c.destId === ids[dest] && c.port === port && c.sourceId !== "dashboard");

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  await authorizeDashboardOnLab(ctx);
  clusterId = (await createCluster(ctx, { name: "lab" })).id;
  for (const name of NAMES) {
    const host = await createHost(ctx, { name, address: labHost(name).address, clusterId });
    await pinHostKey(ctx, host.id, (await observeHostKey(ctx, host.id)).fingerprint);
    ids[name] = host.id;
  }
  runner = testRunner(t.db, { registry, ctx });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
  for (const name of NAMES) await runJob("facts", { hostId: ids[name] });
}, 300_000);

afterAll(async () => {
  await labCommand("firewall", "hv2", "open");
  await runner?.stop();
  await t?.cleanup();
});

describe("the port matrix over the lab", () => {
  it("shows hv2's dropped migration range as timeout and a port without a listener as refused", async () => {
    const block = await labCommand("firewall", "hv2", "block", "--drop");
    expect(block.code, block.stderr).toBe(0);
    const started = Date.now();
    await runJob("port-checks", { clusterId });
    const m = await listPortMatrix(t.db, { clusterId });
    // Every source probes every other host's six ports, and the dashboard probes 16514 once per host.
    expect(m.filter((c) => c.sourceId !== "dashboard")).toHaveLength(3 * 2 * 6);
    expect(m.filter((c) => c.sourceId === "dashboard")).toHaveLength(3);

    const hv2Facts = await t.db.hostFacts.findUniqueOrThrow({ where: { hostId: ids.hv2 } });
    const migration = portsFor(parseStoredFacts(hv2Facts.data)).slice(3);
    for (const port of migration) {
      const cells = cellsTo(m, "hv2", port);
      expect(cells.map((c) => c.sourceId).sort()).toEqual([ids.hv1, ids.hv3].sort());
      for (const c of cells) expect(c.state, `${port} from ${c.sourceId}: ${c.error}`).toBe("timeout");
    }
    for (const dest of ["hv1", "hv3"]) {
      for (const c of cellsTo(m, dest, 49152)) expect(c.state, `49152 on ${dest}: ${c.error}`).toBe("refused");
      for (const c of cellsTo(m, dest, 22)) expect(c.state).toBe("open");
    }
    // Not firewalled: whether libvirt listens on 16509 depends on the lab's state, but it is reachable.
    for (const c of cellsTo(m, "hv2", 16509)) expect(["open", "refused"]).toContain(c.state);
    for (const c of m.filter((x) => x.sourceId === "dashboard")) expect(["open", "refused"]).toContain(c.state);
    // All probes of one source run at once: about one timeout (2 s) per source, not one per probe.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 180_000);

  it("shows the range reachable (refused) once the rule is removed", async () => {
    expect((await labCommand("firewall", "hv2", "open")).code).toBe(0);
    await runJob("port-checks", { clusterId });
    const m = await listPortMatrix(t.db, { clusterId });
    for (const c of cellsTo(m, "hv2", 49152)) expect(c.state, c.error ?? "").toBe("refused");
  }, 180_000);

  it("classifies the lab's default block (reject with host-unreachable) as unreachable", async () => {
    expect((await labCommand("firewall", "hv2", "block")).code).toBe(0);
    await runJob("port-checks", { hostIds: [ids.hv1, ids.hv2] });
    const [cell] = cellsTo(await listPortMatrix(t.db), "hv2", 49152).filter((c) => c.sourceId === ids.hv1);
    expect(cell.state).toBe("unreachable");
    expect(cell.error).toMatch(/No route to host/);
  }, 180_000);
});
