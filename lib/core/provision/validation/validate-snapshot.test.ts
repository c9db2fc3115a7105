import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { greenSnapshot } from "@/testing/pki-snapshot";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost, type HostView } from "@/lib/core/inventory/hosts";
import { createCa } from "@/lib/core/pki/authority";
import { currentCrl } from "@/lib/core/pki/crl";
import { currentHostKeyMaterial, issueForHost } from "@/lib/core/pki/issue-for-host";
import { revokeHostCertificates } from "@/lib/core/pki/revoke";
import { validateSnapshot } from "./validate-job";
import { readValidation } from "./validation-store";
import { fleetOf } from "@/lib/core/provision/gather-plan-input";

const facts = { qemuUser: "libvirt-qemu", qemuGroup: "kvm", tlsDaemon: "libvirtd", libvirtMode: "socket-activation" } as const;
let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let caPem: string;
const hosts: HostView[] = [];
const dns: string[] = [];

async function snapshotOf(host: HostView) {
  const material = await currentHostKeyMaterial(ctx, host.id);
  return greenSnapshot({ caPem, certs: material, crlPem: await currentCrl(t.db), clientDns: dns, qemuUser: facts.qemuUser, qemuGroup: facts.qemuGroup, now: ctx.now() });
}

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  const clusterId = (await createCluster(ctx, { name: "prod" })).id;
  caPem = (await createCa(ctx, { commonName: "Validation CA", validityDays: 3650, keyBits: 2048 })).certificatePem;
  for (const [name, address] of [["hv1", "198.18.0.61"], ["hv2", "198.18.0.62"], ["hv3", "198.18.0.63"]]) {
    const host = await createHost(ctx, { name, address, clusterId });
    hosts.push(host);
    dns.push((await issueForHost(ctx, host.id)).clientDn);
  }
}, 60_000);
afterAll(() => t.cleanup());

describe("validateSnapshot with what the dashboard holds", { timeout: 30_000 }, () => {
  it("knows the cluster's client DNs from the current issued client certificates (the same fleet provisioning writes)", async () => {
    expect((await fleetOf({ db: t.db }, hosts[0])).clientDns).toEqual(["CN=hv1,O=virtshield", "CN=hv2,O=virtshield", "CN=hv3,O=virtshield"]);
  });

  it("stores the findings of a host as provisioned, green but for the cluster CA nobody else reported yet", async () => {
    const v = await validateSnapshot(t.db, hosts[0], facts, await snapshotOf(hosts[0]), ctx.now(), "job-1");
    expect(v.counts).toMatchObject({ error: 0, warning: 0, info: 1 });
    expect(v.findings.find((f) => f.severity === "info")?.check).toBe("cluster-ca");
    expect(await readValidation(t.db, hosts[0].id)).toEqual(v);
    expect(v).toMatchObject({ hostId: hosts[0].id, jobId: "job-1", caFingerprints: [expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)] });
  });

  it("compares the next host's CA with the first one's", async () => {
    const v = await validateSnapshot(t.db, hosts[1], facts, await snapshotOf(hosts[1]), ctx.now(), null);
    expect(v.findings.find((f) => f.check === "cluster-ca")).toMatchObject({ severity: "ok", message: "The same CA as hv1" });
    expect(v.counts.error + v.counts.warning + v.counts.info).toBe(0);
  });

  it("sees a revocation the host's deployed CRL does not know yet", async () => {
    const before = await snapshotOf(hosts[2]);
    await revokeHostCertificates(ctx, hosts[2].id, "keyCompromise");
    const v = await validateSnapshot(t.db, hosts[2], facts, before, ctx.now(), null);
    expect(v.findings.filter((f) => f.check === "revoked" && f.severity === "error")).toHaveLength(4);
    expect(v.findings.filter((f) => f.check === "crl-current" && f.severity === "warning")).toHaveLength(2);
    expect((await fleetOf({ db: t.db }, hosts[0])).clientDns).not.toContain("CN=hv3,O=virtshield");
  });

  it("answers null for a host never validated", async () => {
    expect(await readValidation(t.db, "nope")).toBeNull();
  });
});
