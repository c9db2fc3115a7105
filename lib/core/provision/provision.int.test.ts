// Provisioning against real lab hosts: from the seeds' insecure start (plain TCP, no auth) to TLS
// with mutual certificates, as root and as a sudo user; re-apply changes nothing; faults roll back.
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { getJob, waitForJob, type JobView } from "@/lib/core/jobs/job-store";
import type { JobRunner } from "@/lib/core/jobs/runner";
import type { HostConnection } from "@/lib/core/ssh/types";
import { currentHostKeyMaterial, issueForHost } from "@/lib/core/pki/issue-for-host";
import { getActiveCa, signingCa } from "@/lib/core/pki/active-ca";
import { generateCa, issueHostCertificates } from "@/lib/core/x509";
import { probeTcp } from "@/lib/core/provision/tls-handshake";
import type { ProvisionPlan } from "@/lib/core/provision/types";
import { revokeAndDeploy } from "@/lib/core/provision/revoke-and-deploy";
import { listAuditFindings } from "@/lib/core/checks/audit-findings";
import { labFleet } from "@/testing/lab-inventory";
import { labRootConnections, restoreFirstBackups } from "@/testing/lab-restore";
import { testRunner } from "@/testing/job-runner";
import { labCommand, labHost } from "@/e2e/lab/lab";

let t: Awaited<ReturnType<typeof labFleet>>["t"];
let ctx: CoreContext;
let ids: Record<string, string>;
let runner: JobRunner;
const root: Record<string, HostConnection> = {};

async function run(kind: string, input: unknown, timeoutMs = 170_000): Promise<JobView> {
  const { id } = await enqueue(ctx, kind, input);
  return waitForJob(t.db, id, timeoutMs, 100);
}

// The lab's own root login, to look at a host from the outside (not through the product).
async function sh(host: string, command: string) {
  return root[host].exec(["sh", "-c", command], { sudo: false, timeoutMs: 60_000 });
}
const libvirtdPid = async (h: string) => (await sh(h, "tr -dc 0-9 < /run/libvirtd.pid")).stdout;
const pkiSums = async (h: string) => (await sh(h, "sha256sum /etc/pki/CA/cacert.pem /etc/pki/libvirt/*.pem /etc/pki/libvirt/private/*.pem /etc/pki/qemu/*.pem /etc/libvirt/libvirtd.conf /etc/libvirt/qemu.conf")).stdout;

// libvirtd checks client certificates after the TLS handshake and then drops a client it refuses;
// a client it accepts is kept, waiting for its first RPC call.
function sessionKept(address: string, cert?: { certificatePem: string; privateKeyPem: string }, caPem?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: address, port: 16514, ca: caPem, rejectUnauthorized: false, ...(cert ? { cert: cert.certificatePem, key: cert.privateKeyPem } : {}) });
    const timer = setTimeout(() => (s.destroy(), resolve(true)), 3000);
    s.once("close", () => (clearTimeout(timer), resolve(false)));
    s.once("error", () => (clearTimeout(timer), resolve(false)));
  });
}

beforeAll(async () => {
  ({ t, ctx, ids } = await labFleet([{ name: "hv1" }, { name: "hv2", sudo: true }, { name: "hv3" }]));
  runner = testRunner(t.db, { ctx, concurrency: 4 });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
  Object.assign(root, await labRootConnections(["hv1", "hv2", "hv3"]));
});

afterAll(async () => {
  // Back to the seeds' insecure start for the tests that follow: each host's first backup.
  if (t) await restoreFirstBackups(t.db, ids ?? {}, run);
  await runner?.stop();
  for (const c of Object.values(root)) await c.close();
  await t?.cleanup();
}, 300_000);

describe("provisioning a lab host", () => {
  it("shows a dry-run plan and changes nothing", async () => {
    const before = await pkiSums("hv1");
    const job = await run("provision", { hostId: ids.hv1, dryRun: true });
    expect(job.state, job.error).toBe("succeeded");
    const plan = (job.result as { plan: ProvisionPlan }).plan;
    expect(plan).toMatchObject({ mode: "tls-only", daemon: "libvirtd", changed: true });
    expect(plan.files.map((f) => [f.path, f.action])).toContainEqual(["/etc/pki/qemu/server-key.pem", "create"]);
    expect(plan.files.find((f) => f.path === "/etc/pki/qemu/server-key.pem")).toMatchObject({ mode: 0o640, group: "libvirt-qemu", secret: true });
    expect(JSON.stringify(plan)).not.toContain("PRIVATE KEY");
    const conf = plan.configs.find((c) => c.path === "/etc/libvirt/libvirtd.conf")!;
    expect(conf.diff).toMatch(/^-listen_tcp = 1$/m);
    expect(conf.diff).toMatch(/^\+listen_tls = 1$/m);
    expect(plan.services).toEqual([{ kind: "restart", unit: "libvirtd.service" }]);
    expect(await pkiSums("hv1")).toBe(before);
  });

  it("turns the insecure host into a TLS-only host, and verifies it; the audit's critical TCP finding goes", async () => {
    const tcpFinding = async () => (await listAuditFindings(t.db, new Date(), { hostId: ids.hv1 })).filter((f) => f.rule === "tcp-no-auth");
    expect(await tcpFinding()).toEqual([expect.objectContaining({ severity: "critical" })]);
    expect(await probeTcp(labHost("hv1").address, 16509)).toBe("open");
    const job = await run("provision", { hostId: ids.hv1, dryRun: false });
    expect(job.state, job.error).toBe("succeeded");
    expect(job.steps.map((s) => s.name)).toEqual(["connect", "read the host", "plan", "back up", "write files", "firewall", "services", "verify", "record"]);
    expect(await probeTcp(labHost("hv1").address, 16514)).toBe("open");
    expect(await probeTcp(labHost("hv1").address, 16509)).toBe("refused");
    expect((await sh("hv1", "stat -c '%a %U %G' /etc/pki/qemu/server-key.pem /etc/pki/libvirt/private/serverkey.pem")).stdout).toBe("640 root libvirt-qemu\n600 root root\n");
    expect((await sh("hv2", "virsh -c qemu+tcp://hv1/system hostname")).code).not.toBe(0);
    expect(await t.db.hostProvision.findUnique({ where: { hostId: ids.hv1 } })).toMatchObject({ mode: "tls-only" });
    expect(await tcpFinding()).toEqual([]);
  });

  it("refuses clients without a certificate, from a foreign CA, or with a DN not on the list", async () => {
    const ca = (await getActiveCa(t.db))!;
    const own = await currentHostKeyMaterial(ctx, ids.hv1);
    const address = labHost("hv1").address;
    expect(await sessionKept(address, own.client, ca.certificatePem)).toBe(true);
    expect(await sessionKept(address)).toBe(false);
    const foreign = await generateCa({ commonName: "Foreign CA", now: new Date() });
    expect(await sessionKept(address, (await issueHostCertificates({ ca: foreign, host: { name: "hv3", dnsNames: [], ips: [] }, now: new Date() })).client)).toBe(false);
    // Signed by our own CA, but for a host outside the cluster: its DN is not in tls_allowed_dn_list.
    const { material } = await signingCa(ctx);
    const stranger = await issueHostCertificates({ ca: material, host: { name: "stranger", dnsNames: [], ips: [] }, now: new Date() });
    expect(await sessionKept(address, stranger.client, ca.certificatePem)).toBe(false);

  });

  it("changes nothing and restarts nothing when applied again", async () => {
    const [sums, pid] = [await pkiSums("hv1"), await libvirtdPid("hv1")];
    const job = await run("provision", { hostId: ids.hv1, dryRun: false });
    expect(job.state, job.error).toBe("succeeded");
    expect(job.result).toMatchObject({ changed: false, summary: expect.stringContaining("Nothing to do") });
    expect(job.steps.map((s) => s.name)).not.toContain("back up");
    expect(await pkiSums("hv1")).toBe(sums);
    expect(await libvirtdPid("hv1")).toBe(pid);
  });

  it("provisions a host reached as a sudo user, and checks the peer over TLS", async () => {
    const job = await run("provision", { hostId: ids.hv2, dryRun: false });
    expect(job.state, job.error).toBe("succeeded");
    expect((job.result as { checks: { name: string }[] }).checks.map((c) => c.name)).toContain("peer over TLS");
    expect((await sh("hv2", "virsh -c qemu+tls://hv1/system hostname")).stdout.trim()).toBe("hv1");
  });
});

describe("renewal and revocation in place", () => {
  it("re-deploys renewed certificates and the CRL to a host with a running guest, without touching the guest", async () => {
    await sh("hv1", "virsh destroy vs-renew; virsh undefine vs-renew; true");
    const made = await labCommand("guest", "hv1", "vs-renew");
    expect(made.code, made.stderr).toBe(0);
    const qemuPid = async () => (await sh("hv1", "pgrep -f 'guest=vs-renew' | head -n 1")).stdout.trim();
    const pid = await qemuPid();
    expect(pid).toMatch(/^\d+$/);
    const fresh = await issueForHost(ctx, ids.hv1, "renew");
    // A CRL older than the republish age makes the daily job publish one and push it everywhere.
    await t.db.certificateAuthority.updateMany({ data: { crlUpdatedAt: new Date(Date.now() - 40 * 86_400_000) } });
    const job = await run("renew", {});
    expect(job.state, job.error).toBe("succeeded");
    const full = await getJob(t.db, job.id);
    expect(full.children.length).toBeGreaterThanOrEqual(2);
    expect(full.children.every((c) => c.state === "succeeded")).toBe(true);
    const hv1Child = await getJob(t.db, full.children.find((c) => c.hostId === ids.hv1)!.id);
    expect(hv1Child.steps.find((s) => s.name === "services")?.detail).toBe("update-tls");
    expect(await qemuPid()).toBe(pid);
    const served = (await sh("hv1", "openssl x509 -noout -serial -in /etc/pki/qemu/server-cert.pem")).stdout.trim().toLowerCase();
    expect(served).toBe(`serial=${fresh.server.serial.toLowerCase()}`);
    expect((await sh("hv1", "openssl crl -noout -crlnumber -in /etc/pki/CA/cacrl.pem")).code).toBe(0);
    expect((await sh("hv2", "virsh -c qemu+tls://hv1/system hostname")).stdout.trim()).toBe("hv1");
    await sh("hv1", "virsh destroy vs-renew; virsh undefine vs-renew");
  });
});

describe("faults roll the host back", () => {
  it("rolls back when the SSH connection is cut mid-apply", async () => {
    // The product reaches hv3 as the sudo user here, so its sshd sessions can be told from ours.
    await t.db.host.update({ where: { id: ids.hv3 }, data: { sshUser: labHost("hv3").sudoUser } });
    try {
      const before = (await sh("hv3", "cat /etc/libvirt/libvirtd.conf")).stdout;
      const { id } = await enqueue(ctx, "provision", { hostId: ids.hv3, dryRun: false });
      for (let i = 0; i < 600; i++) {
        const steps = (await getJob(t.db, id)).steps;
        if (steps.some((s) => s.name === "write files")) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await sh("hv3", `pkill -KILL -f 'sshd: ${labHost("hv3").sudoUser}'; true`);
      const job = await waitForJob(t.db, id, 170_000, 100);
      expect(job.state).toBe("failed");
      expect(job.error).toMatch(/rolled back/);
      expect(job.steps.find((s) => s.name === "roll back")).toMatchObject({ state: "succeeded" });
      expect((await sh("hv3", "cat /etc/libvirt/libvirtd.conf")).stdout).toBe(before);
      expect((await sh("hv3", "systemctl is-active libvirtd")).stdout.trim()).toBe("active");
    } finally {
      await t.db.host.update({ where: { id: ids.hv3 }, data: { sshUser: "root" } });
    }
  });

  it("rolls back when libvirtd refuses to start on the new configuration", async () => {
    const before = (await sh("hv3", "cat /etc/libvirt/libvirtd.conf")).stdout;
    // An address the host does not have: libvirtd cannot bind and exits.
    const job = await run("provision", { hostId: ids.hv3, dryRun: false, listenAddr: "198.18.0.250" });
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/rolled back/);
    expect(job.steps.find((s) => s.name === "roll back")).toMatchObject({ state: "succeeded" });
    expect((await sh("hv3", "cat /etc/libvirt/libvirtd.conf")).stdout).toBe(before);
    expect((await sh("hv3", "systemctl is-active libvirtd")).stdout.trim()).toBe("active");
    expect((await sh("hv1", "virsh -c qemu+tcp://hv3/system hostname")).stdout.trim()).toBe("hv3");
  });

  it("rolls back when verification fails (a certificate whose SAN misses the name used)", async () => {
    await t.db.host.update({ where: { id: ids.hv3 }, data: { name: "hv3-renamed" } });
    try {
      const job = await run("provision", { hostId: ids.hv3, dryRun: false });
      expect(job.state).toBe("failed");
      expect(job.steps.find((s) => s.name === "verify")).toMatchObject({ state: "failed" });
      expect(job.error).toMatch(/hv3-renamed/);
      expect(job.error).toMatch(/rolled back/);
      expect((await sh("hv3", "grep -E '^listen_tcp' /etc/libvirt/libvirtd.conf")).stdout.trim()).toBe("listen_tcp = 1");
      expect(await probeTcp(labHost("hv3").address, 16509)).toBe("open");
    } finally {
      await t.db.host.update({ where: { id: ids.hv3 }, data: { name: "hv3" } });
    }
  });
});

describe("fleet provisioning", () => {
  it("provisions several hosts in one job with sub-jobs, and sums them up", async () => {
    const job = await run("provision-fleet", { hostIds: [ids.hv1, ids.hv2, ids.hv3], parallelism: 3 });
    expect(job.state, job.error).toBe("succeeded");
    const full = await getJob(t.db, job.id);
    expect(full.children.map((c) => c.state)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(full.childCounts).toEqual({ succeeded: 3 });
  });
});

describe("revocation", () => {
  it("puts the revoked serial in the CRL files of the other provisioned hosts", async () => {
    const serial = (await currentHostKeyMaterial(ctx, ids.hv3)).server.serial;
    const { deployJobId } = await revokeAndDeploy(ctx, ids.hv3, "keyCompromise");
    expect(deployJobId).toBeTruthy();
    const job = await waitForJob(t.db, deployJobId!, 170_000, 100);
    expect(job.state, job.error).toBe("succeeded");
    for (const h of ["hv1", "hv2"]) {
      for (const f of ["/etc/pki/CA/cacrl.pem", "/etc/pki/qemu/ca-crl.pem"]) {
        const text = (await sh(h, `openssl crl -noout -text -in ${f}`)).stdout.toUpperCase();
        expect(text, `${h}:${f}`).toContain(serial.toUpperCase().replace(/^0+/, ""));
      }
    }
  });
});
