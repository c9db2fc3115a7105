// Live migration against the lab: both hosts provisioned for TLS, then guests moved hv1 → hv2 and
// back over native TLS (RAM only, and a qcow2 disk with --copy-storage-all), with the history's
// TLS evidence; and a destination whose QEMU CA is foreign, which fails explained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob, type JobView } from "@/lib/core/jobs/job-store";
import { requestCancel } from "@/lib/core/jobs/cancel-job";
import type { JobRunner } from "@/lib/core/jobs/runner";
import type { HostConnection } from "@/lib/core/ssh/types";
import { generateCa, issueHostCertificates } from "@/lib/core/x509";
import { signingCa } from "@/lib/core/pki/active-ca";
import { labFleet } from "@/testing/lab-inventory";
import { labRootConnections, restoreFirstBackups } from "@/testing/lab-restore";
import { testRunner } from "@/testing/job-runner";
import { labCommand } from "@/e2e/lab/lab";
import { blobPath, createIncompressibleGuest } from "@/testing/incompressible-guest";
import { pageMigrations } from "./migration-store";
import { isPreflightRefused, runPreflight, startMigration } from "./start-migration";

let t: Awaited<ReturnType<typeof labFleet>>["t"];
let ctx: CoreContext;
let ids: Record<string, string>;
let runner: JobRunner;
const root: Record<string, HostConnection> = {};
const GUESTS = ["vs-mig", "vs-mig-disk", "vs-mig-neg", "vs-mig-san", "vs-mig-fw", "vs-mig-big"];
const BIG = "vs-mig-big";

async function run(kind: string, input: unknown, timeoutMs = 170_000): Promise<JobView> {
  const { id } = await enqueue(ctx, kind, input);
  return waitForJob(t.db, id, timeoutMs, 100);
}

// The lab's own root login, to look at a host from the outside (not through the product).
async function sh(host: string, command: string, stdin?: string) {
  return root[host].exec(["sh", "-c", command], { sudo: false, timeoutMs: 60_000, ...(stdin !== undefined ? { stdin } : {}) });
}
const domstate = async (host: string, guest: string) => {
  const r = await sh(host, `virsh -c qemu:///system domstate ${guest}`);
  return r.code === 0 ? r.stdout.trim() : "absent";
};

async function removeGuests() {
  for (const h of ["hv1", "hv2"]) {
    for (const g of GUESTS) await sh(h, `virsh destroy ${g} >/dev/null 2>&1; virsh undefine ${g} --remove-all-storage >/dev/null 2>&1; virsh vol-delete --pool default ${g}.qcow2 >/dev/null 2>&1; true`);
    await sh(h, `rm -f ${blobPath(BIG)}`);
  }
}

async function migrate(domain: string, from: string, to: string, extra: Record<string, unknown> = {}) {
  const started = await startMigration(ctx, { domain, sourceHostId: ids[from], destHostId: ids[to], ...extra });
  return { started, job: await waitForJob(t.db, started.jobId, 300_000, 200) };
}

const rowOf = async (jobId: string) => (await pageMigrations(t.db, { limit: 500 })).items.find((m) => m.jobId === jobId)!;

beforeAll(async () => {
  ({ t, ctx, ids } = await labFleet([{ name: "hv1" }, { name: "hv2" }]));
  runner = testRunner(t.db, { ctx, concurrency: 4 });
  ctx = { ...ctx, actor: { ...ctx.actor, name: "migration-test" }, jobs: runner };
  await runner.start();
  Object.assign(root, await labRootConnections(["hv1", "hv2"]));
  await removeGuests();
  for (const h of ["hv1", "hv2"]) {
    const job = await run("provision", { hostId: ids[h], dryRun: false });
    expect(job.state, job.error).toBe("succeeded");
  }
});

afterAll(async () => {
  if (Object.keys(root).length) await removeGuests();
  // Back to the seeds' insecure start for the tests that follow: each host's first backup.
  if (t) await restoreFirstBackups(t.db, ids ?? {}, run);
  await runner?.stop();
  for (const c of Object.values(root)) await c.close();
  await t?.cleanup();
}, 300_000);

describe("live migration over native TLS", () => {
  it("shows a passing pre-flight for a running guest", async () => {
    const made = await labCommand("guest", "hv1", "vs-mig");
    expect(made.code, made.stderr).toBe(0);
    const { result } = await runPreflight(ctx, { domain: "vs-mig", sourceHostId: ids.hv1, destHostId: ids.hv2 });
    const failed = result.checks.filter((c) => !c.ok && c.severity === "error");
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(result).toMatchObject({ ok: true, transport: "tls" });
    expect(result.checks.find((c) => c.name === "port 16514")?.ok).toBe(true);
  });

  it("moves a running guest hv1 → hv2 and proves TLS in the history", async () => {
    const { started, job } = await migrate("vs-mig", "hv1", "hv2");
    expect(job.state, job.error).toBe("succeeded");
    expect(job.progress).toBe(100);
    expect(started.transport).toBe("tls");
    expect(await domstate("hv2", "vs-mig")).toBe("running");
    expect(await domstate("hv1", "vs-mig")).toBe("absent");
    const row = await rowOf(started.jobId);
    expect(row).toMatchObject({ outcome: "succeeded", transport: "tls", flags: { tls: true, live: true, p2p: true }, createdBy: "migration-test" });
    expect(row.tlsEvidence?.tlsCreds).toMatch(/\S/);
    expect(row.tlsEvidence?.tlsHostname).toMatch(/hv2/);
  });

  it("moves a guest with a qcow2 disk with --copy-storage-all, and back", async () => {
    const made = await labCommand("guest", "hv1", "vs-mig-disk", "--disk");
    expect(made.code, made.stderr).toBe(0);
    // Without copyStorage the pre-flight refuses: the disk is in hv1's local dir pool.
    await expect(startMigration(ctx, { domain: "vs-mig-disk", sourceHostId: ids.hv1, destHostId: ids.hv2 })).rejects.toThrow(/must be copied/);
    const there = await migrate("vs-mig-disk", "hv1", "hv2", { copyStorage: true });
    expect(there.job.state, there.job.error).toBe("succeeded");
    expect(await domstate("hv2", "vs-mig-disk")).toBe("running");
    expect(await domstate("hv1", "vs-mig-disk")).toBe("absent");
    expect((await sh("hv2", "qemu-img info -U --output=json /var/lib/libvirt/images/vs-mig-disk.qcow2")).stdout).toMatch(/"format": "qcow2"/);
    expect(await rowOf(there.started.jobId)).toMatchObject({ transport: "tls", flags: { copyStorage: true } });
    const back = await migrate("vs-mig-disk", "hv2", "hv1", { copyStorage: true });
    expect(back.job.state, back.job.error).toBe("succeeded");
    expect(await domstate("hv1", "vs-mig-disk")).toBe("running");
    expect(await domstate("hv2", "vs-mig-disk")).toBe("absent");
    const row = await rowOf(back.started.jobId);
    expect(row.transport).toBe("tls");
    expect(row.tlsEvidence?.tlsCreds).toMatch(/\S/);
  });

  it("fails explained when the destination's QEMU CA is foreign; the guest stays on the source", async () => {
    const made = await labCommand("guest", "hv1", "vs-mig-neg");
    expect(made.code, made.stderr).toBe(0);
    const foreign = await generateCa({ commonName: "someone else's CA", now: new Date() });
    const file = "/etc/pki/qemu/ca-cert.pem";
    expect((await sh("hv2", `cp -p ${file} ${file}.vs-test`)).code).toBe(0);
    try {
      // Same owner and mode, other content: only the issuer is wrong.
      expect((await sh("hv2", `cat > ${file}`, foreign.certificatePem)).code).toBe(0);
      const { started, job } = await migrate("vs-mig-neg", "hv1", "hv2");
      expect(job.state).toBe("failed");
      expect(job.error).toMatch(/hasn't got a known issuer/);
      const row = await rowOf(started.jobId);
      expect(row).toMatchObject({ outcome: "failed" });
      expect(row.error).toMatch(/hasn't got a known issuer/);
      expect(row.explanation).toMatch(/does not verify against that host's own CA file/);
      expect(await domstate("hv1", "vs-mig-neg")).toBe("running");
      expect(await domstate("hv2", "vs-mig-neg")).toBe("absent");
    } finally {
      await sh("hv2", `mv -f ${file}.vs-test ${file}`);
    }
  });

  it("fails explained when the destination's QEMU server certificate lacks the name used; the guest stays on the source", async () => {
    const made = await labCommand("guest", "hv1", "vs-mig-san");
    expect(made.code, made.stderr).toBe(0);
    // Signed by our CA, so only the name is wrong: the SAN holds neither hv2 nor its address.
    const { material } = await signingCa(ctx);
    const other = (await issueHostCertificates({ ca: material, host: { name: "elsewhere", dnsNames: [], ips: ["198.18.0.250"] }, now: new Date() })).server;
    const files = { "/etc/pki/qemu/server-cert.pem": other.certificatePem, "/etc/pki/qemu/server-key.pem": other.privateKeyPem };
    for (const f of Object.keys(files)) expect((await sh("hv2", `cp -p ${f} ${f}.vs-test`)).code).toBe(0);
    try {
      for (const [f, pem] of Object.entries(files)) expect((await sh("hv2", `cat > ${f}`, pem)).code).toBe(0);
      const { started, job } = await migrate("vs-mig-san", "hv1", "hv2");
      expect(job.state).toBe("failed");
      expect(job.error).toMatch(/does not match the hostname/);
      const row = await rowOf(started.jobId);
      expect(row).toMatchObject({ outcome: "failed" });
      expect(row.explanation).toMatch(/subject alternative names/);
      expect(await domstate("hv1", "vs-mig-san")).toBe("running");
      expect(await domstate("hv2", "vs-mig-san")).toBe("absent");
    } finally {
      for (const f of Object.keys(files)) await sh("hv2", `mv -f ${f}.vs-test ${f}`);
    }
  });

  it("catches a migration range the destination's firewall rejects, and explains the run forced past it", async () => {
    const made = await labCommand("guest", "hv1", "vs-mig-fw");
    expect(made.code, made.stderr).toBe(0);
    expect((await labCommand("firewall", "hv2", "block")).code).toBe(0);
    try {
      const refused = await startMigration(ctx, { domain: "vs-mig-fw", sourceHostId: ids.hv1, destHostId: ids.hv2 }).catch((e: unknown) => e);
      expect(isPreflightRefused(refused)).toBe(true);
      if (isPreflightRefused(refused)) expect(refused.checks.find((c) => c.name === "migration ports")).toMatchObject({ ok: false, severity: "error" });
      // Forced past the pre-flight: the job alone, as a caller of the job API could.
      const job = await run("migrate", { domain: "vs-mig-fw", sourceHostId: ids.hv1, destHostId: ids.hv2, parallel: false }, 300_000);
      expect(job.state).toBe("failed");
      const row = (await pageMigrations(t.db, { limit: 500 })).items.find((m) => m.jobId === job.id)!;
      expect(row.outcome).toBe("failed");
      expect(row.explanation).toMatch(/migration \(or NBD disk\) port could not be reached/);
      expect(await domstate("hv1", "vs-mig-fw")).toBe("running");
      expect(await domstate("hv2", "vs-mig-fw")).toBe("absent");
    } finally {
      await labCommand("firewall", "hv2", "open");
    }
  });

  it("aborts the migration of a guest with incompressible memory on cancel; the guest runs on the source", async () => {
    // 448 MiB of /dev/urandom above the loader's 256 MiB, in a 768 MiB guest.
    await createIncompressibleGuest(sh, { name: BIG, on: "hv1", hosts: ["hv1", "hv2"], dataMiB: 448, memoryMiB: 768 });
    const started = await startMigration(ctx, { domain: "vs-mig-big", sourceHostId: ids.hv1, destHostId: ids.hv2, parallel: false });
    const active = async () => /Unbounded/.test((await sh("hv1", "virsh domjobinfo vs-mig-big")).stdout);
    await expect.poll(active, { timeout: 120_000, interval: 200 }).toBe(true);
    // 8 MiB/s keeps 768 MiB in flight for well over a minute: the cancel lands mid-stream.
    await sh("hv1", "virsh migrate-setspeed vs-mig-big 8");
    await requestCancel(ctx, started.jobId, "Cancelled by the test");
    const job = await waitForJob(t.db, started.jobId, 120_000, 200);
    expect(job.state).toBe("cancelled");
    // The host-side watchdog aborts within a second of the SSH channel closing.
    await expect.poll(active, { timeout: 60_000, interval: 500 }).toBe(false);
    expect(await domstate("hv1", "vs-mig-big")).toBe("running");
    expect(await domstate("hv2", "vs-mig-big")).toBe("absent");
    expect(await rowOf(started.jobId)).toMatchObject({ outcome: "aborted" });
  }, 300_000);
});
