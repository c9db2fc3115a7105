// The migrate job end to end against fake hosts: the argv it sends, the progress and evidence it
// samples while virsh migrate runs, the history row, and how failures and cancels are recorded.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { getJob, waitForJob } from "@/lib/core/jobs/job-store";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import type { ExecOptions, ExecResult } from "@/lib/core/ssh/types";
import { DOMAINS_SCRIPT } from "./list-domains";
import { POOLS_SCRIPT } from "./pools";
import { MIGRATE_SCRIPT } from "./watch-migration";
import { migrateJob } from "./migrate-job";
import { pageMigrations } from "./migration-store";

const fixture = (f: string) => readFileSync(path.join(__dirname, "fixtures", f), "utf8");
const facts = parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", "debian12-listen.txt"), "utf8"), new Date());
const registry = jobRegistryOf([migrateJob]);

// virsh migrate takes a while on a real host; the fake one holds its answer for `ms`.
class SlowFake extends FakeConnection {
  constructor(private readonly ms: number) {
    super();
  }
  override async exec(argv: string[], opts?: ExecOptions): Promise<ExecResult> {
    if (argv[2] === MIGRATE_SCRIPT) await new Promise((r) => setTimeout(r, this.ms));
    return super.exec(argv, opts);
  }
}

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let runner: JobRunner;
let src: SlowFake;
let dst: SlowFake;
const ids: Record<string, string> = {};
const isVirsh = (sub: string) => (argv: string[]) => argv.includes("virsh") && argv.includes(sub);

function hosts(migrate: Partial<ExecResult>, params = fixture("migrate-parameters.json")) {
  src = new SlowFake(1600);
  src.on(["sh", "-c", DOMAINS_SCRIPT], { stdout: fixture("domains.txt") })
    .on(["sh", "-c", MIGRATE_SCRIPT], migrate)
    .on(isVirsh("qemu-monitor-command"), { stdout: params })
    .on(isVirsh("domjobinfo"), { stdout: fixture("domjobinfo-raw.txt") })
    .on(isVirsh("domstate"), migrate.code === 0 ? { code: 1, stderr: "error: failed to get domain 'vs-mig'\n" } : { stdout: "running\n" });
  dst = new SlowFake(0);
  dst.on(["sh", "-c", POOLS_SCRIPT], { stdout: fixture("pools.txt") })
    .on(isVirsh("domstate"), migrate.code === 0 ? { stdout: "running\n" } : { code: 1, stderr: "error: failed to get domain 'vs-mig'\n" })
    .on(isVirsh("domjobinfo"), { stdout: fixture("domjobinfo-completed.txt") });
}

beforeEach(async () => {
  t = await createTestDb();
  ctx = { ...testContext(t.db), actor: { type: "user", id: "u1", name: "alice", role: "operator" } };
  const c = await t.db.cluster.create({ data: { name: "c" } });
  for (const [name, n] of [["hv1", 11], ["hv2", 12]] as const) {
    ids[name] = (await t.db.host.create({ data: { name, address: `127.0.0.${n}`, clusterId: c.id, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
    await saveFacts(t.db, ids[name], facts, new Date());
  }
  runner = testRunner(t.db, { registry, ctx, connect: async (h) => (h.name === "hv1" ? src : dst) });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
});

afterEach(async () => {
  await runner.stop();
  await t.cleanup();
});

const input = () => ({ domain: "vs-mig", sourceHostId: ids.hv1, destHostId: ids.hv2 });

describe("the migrate job", () => {
  it("migrates over TLS, follows domjobinfo, proves TLS from tls-creds and records the history row", async () => {
    hosts({ code: 0, stderr: "\nMigration: [100 %]\n" });
    const { id } = await enqueue(ctx, "migrate", input(), { registry });
    const job = await waitForJob(t.db, id, 15_000, 50);
    expect(job.state, job.error).toBe("succeeded");
    expect(job.progress).toBe(100);
    const argv = src.commands.find((c) => c.argv[2] === MIGRATE_SCRIPT)!.argv.slice(5);
    expect(argv).toEqual(["virsh", "-c", "qemu:///system", "migrate", "--live", "--p2p", "--tls", "--tls-destination", "hv2", "--verbose", "--persistent", "--undefinesource", "--parallel", "--parallel-connections", "2", "--domain", "vs-mig", "--desturi", "qemu+tls://hv2/system"]);
    expect(src.commands.some((c) => c.argv.includes("domjobinfo"))).toBe(true);
    const [row] = (await pageMigrations(t.db, {})).items;
    expect(row).toMatchObject({
      jobId: id, domain: "vs-mig", source: { name: "hv1" }, dest: { name: "hv2" }, transport: "tls", outcome: "succeeded", createdBy: "alice",
      tlsEvidence: { tlsCreds: "objlibvirt_migrate_tls0", tlsHostname: "hv2" }, bytes: 138878976, downtimeMs: 48, peakSpeed: 31457280, error: null,
      flags: { tls: true, persistent: true, copyStorage: false, parallelConnections: 2, destUri: "qemu+tls://hv2/system" },
    });
    // libvirt's time_elapsed of the completed job, not the time around virsh.
    expect(row.durationMs).toBe(2411);
    expect((await getJob(t.db, id)).steps.map((s) => s.name)).toEqual(["connect", "read the guest", "migrate", "verify"]);
  });

  it("records a migration without tls-creds as unproven", async () => {
    hosts({ code: 0 }, JSON.stringify({ return: { "tls-creds": "", "tls-hostname": "" } }));
    const { id } = await enqueue(ctx, "migrate", { ...input(), parallel: false }, { registry });
    expect((await waitForJob(t.db, id, 15_000, 50)).state).toBe("succeeded");
    expect((await pageMigrations(t.db, {})).items[0]).toMatchObject({ transport: "unproven", tlsEvidence: { tlsCreds: "" } });
    expect(src.commands.find((c) => c.argv[2] === MIGRATE_SCRIPT)!.argv).not.toContain("--parallel");
  });

  it("uses no parallel connections when the cluster turns them off", async () => {
    hosts({ code: 0 });
    await t.db.cluster.updateMany({ data: { migrationParallel: false } });
    const { id } = await enqueue(ctx, "migrate", input(), { registry });
    expect((await waitForJob(t.db, id, 15_000, 50)).state).toBe("succeeded");
    expect(src.commands.find((c) => c.argv[2] === MIGRATE_SCRIPT)!.argv).not.toContain("--parallel");
  });

  it("fails with libvirt's message and the explanation; the guest stays on the source", async () => {
    hosts({ code: 1, stderr: "\nerror: internal error: unable to execute QEMU command 'migrate': The certificate hasn't got a known issuer\n" });
    const { id } = await enqueue(ctx, "migrate", input(), { registry });
    const job = await waitForJob(t.db, id, 15_000, 50);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/hasn't got a known issuer — The peer's certificate was not signed by a CA/);
    const [row] = (await pageMigrations(t.db, {})).items;
    expect(row).toMatchObject({ outcome: "failed", error: "internal error: unable to execute QEMU command 'migrate': The certificate hasn't got a known issuer" });
    expect(row.explanation).toMatch(/same CA certificate to hv1 and hv2/);
    expect((await getJob(t.db, id)).steps.find((s) => s.name === "migrate")).toMatchObject({ state: "failed", detail: expect.stringMatching(/known issuer/) });
  });

  it("is recorded as aborted when the job is cancelled mid-migration", async () => {
    hosts({ code: 0 });
    const { id } = await enqueue(ctx, "migrate", input(), { registry });
    for (let i = 0; i < 100 && !(await getJob(t.db, id)).steps.some((s) => s.name === "migrate"); i++) await new Promise((r) => setTimeout(r, 20));
    runner.abort(id);
    const job = await waitForJob(t.db, id, 15_000, 50);
    expect(job.state).toBe("cancelled");
    expect((await pageMigrations(t.db, {})).items[0]).toMatchObject({ outcome: "aborted" });
  });

  it("refuses a plain migration under the tls policy, and the same host twice, before anything runs", async () => {
    hosts({ code: 0 });
    await expect(enqueue(ctx, "migrate", { ...input(), allowPlain: true }, { registry })).rejects.toThrow(/policy is tls/);
    await expect(enqueue(ctx, "migrate", { ...input(), destHostId: ids.hv1 }, { registry })).rejects.toThrow(/same host/);
    await expect(enqueue(ctx, "migrate", { ...input(), domain: "x;reboot" }, { registry })).rejects.toThrow();
  });
});
