// PKI validation against real lab hosts: the product's files placed by hand (as provisioning will
// place them: pki-files.ts), libvirtd switched to TLS, then the "validate" job must find every
// check green; one broken mode, and one file QEMU cannot read, must each show up as that finding.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { getHost } from "@/lib/core/inventory/hosts";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import { waitForJob } from "@/lib/core/jobs/job-store";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { factsJob, readFacts } from "@/lib/core/facts/facts-job";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { currentCrl } from "@/lib/core/pki/crl";
import { currentHostKeyMaterial } from "@/lib/core/pki/issue-for-host";
import { setConfigValues } from "@/lib/core/config/set-config-values";
import { sshConnector } from "@/lib/core/ssh/host-connector";
import type { HostConnection } from "@/lib/core/ssh/types";
import { PKI_DIRS, PKI_FILES, groupOf } from "@/lib/core/provision/pki-files";
import { testRunner } from "@/testing/job-runner";
import { labFleet } from "@/testing/lab-inventory";
import { validateJob } from "./validate-job";
import { readValidation } from "./validation-store";
import { fleetOf } from "@/lib/core/provision/gather-plan-input";

const registry = jobRegistryOf([factsJob, validateJob]);
const NAMES = ["hv1", "hv2"] as const; // hv2 is reached as the sudo user
const SERVER_KEY = "/etc/pki/libvirt/private/serverkey.pem";
const QEMU_SERVER_KEY = "/etc/pki/qemu/server-key.pem";
let env: Awaited<ReturnType<typeof labFleet>>;
let ctx: CoreContext;
let runner: JobRunner;
const conns: Record<string, HostConnection> = {};
const original: Record<string, { libvirtd: string; qemu: string }> = {};

async function runJob(kind: string, hostId: string) {
  const { id } = await enqueue(ctx, kind, { hostId }, { registry });
  const job = await waitForJob(env.t.db, id, 180_000);
  expect(job.state, job.error ?? "").toBe("succeeded");
}

async function validate(name: string) {
  await runJob("validate", env.ids[name]);
  const v = (await readValidation(env.t.db, env.ids[name]))!;
  return { v, bad: v.findings.filter((f) => f.severity !== "ok") };
}

async function placePki(name: string, conn: HostConnection, qemuGroup: string) {
  const keys = await currentHostKeyMaterial(ctx, env.ids[name]);
  const content = {
    ca: (await getActiveCa(ctx.db))!.certificatePem, crl: await currentCrl(ctx.db),
    "server-cert": keys.server.certificatePem, "server-key": keys.server.privateKeyPem,
    "client-cert": keys.client.certificatePem, "client-key": keys.client.privateKeyPem,
  };
  for (const d of PKI_DIRS) {
    await conn.run(["mkdir", "-p", d.path]);
    await conn.run(["chown", `root:${groupOf(d, qemuGroup)}`, d.path]);
    await conn.run(["chmod", d.mode.toString(8), d.path]);
  }
  for (const f of PKI_FILES) await conn.writeFileAtomic(f.path, content[f.role], { mode: f.mode, owner: f.owner, group: groupOf(f, qemuGroup) });
}

async function switchToTls(name: string, conn: HostConnection, dns: string[]) {
  const libvirtd = (await conn.readFile("/etc/libvirt/libvirtd.conf"))!.toString();
  const qemu = (await conn.readFile("/etc/libvirt/qemu.conf"))!.toString();
  original[name] = { libvirtd, qemu };
  await conn.writeFileAtomic("/etc/libvirt/libvirtd.conf", setConfigValues(libvirtd, { listen_tls: 1, auth_tls: "none", tls_allowed_dn_list: dns }), { mode: 0o644 });
  await conn.writeFileAtomic("/etc/libvirt/qemu.conf", setConfigValues(qemu, { default_tls_x509_cert_dir: "/etc/pki/qemu", default_tls_x509_verify: 1 }), { mode: 0o600 });
  await restartLibvirtd(conn);
}

async function restartLibvirtd(conn: HostConnection) {
  await conn.run(["systemctl", "restart", "libvirtd"], { timeoutMs: 60_000 });
  for (let i = 0; i < 40; i++) {
    if ((await conn.exec(["sh", "-c", "ss -Hltn | grep -q ':16514 '"])).code === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  env = await labFleet([{ name: "hv1" }, { name: "hv2", sudo: true }]);
  runner = testRunner(env.t.db, { registry, ctx: env.ctx });
  ctx = { ...env.ctx, jobs: runner };
  await runner.start();
  const dns = (await fleetOf(ctx, await getHost(ctx.db, env.ids.hv1))).clientDns;
  for (const name of NAMES) {
    await runJob("facts", env.ids[name]);
    const facts = (await readFacts(ctx.db, env.ids[name]))!.facts;
    conns[name] = await sshConnector(ctx)(await getHost(ctx.db, env.ids[name]));
    await placePki(name, conns[name], facts.qemuGroup);
    await switchToTls(name, conns[name], dns);
  }
}, 600_000);

afterAll(async () => {
  for (const name of NAMES) {
    const conn = conns[name];
    if (!conn) continue;
    if (original[name]) {
      await conn.writeFileAtomic("/etc/libvirt/libvirtd.conf", original[name].libvirtd, { mode: 0o644 });
      await conn.writeFileAtomic("/etc/libvirt/qemu.conf", original[name].qemu, { mode: 0o600 });
    }
    await conn.run(["rm", "-rf", "/etc/pki/libvirt", "/etc/pki/qemu", "/etc/pki/CA/cacert.pem", "/etc/pki/CA/cacrl.pem"]);
    await conn.run(["systemctl", "restart", "libvirtd"], { timeoutMs: 60_000 });
    await conn.close();
  }
  await runner?.stop();
  await env?.t.cleanup();
}, 300_000);

describe("validating lab hosts that carry the product's files", () => {
  it("finds hv2 (as the sudo user) all green but for the cluster CA nobody reported yet", async () => {
    const { v, bad } = await validate("hv2");
    expect(bad.map((f) => `${f.check}: ${f.message}`)).toEqual(["cluster-ca: No other host of the cluster has been validated yet"]);
    expect(v.counts.ok).toBeGreaterThan(60);
    expect(v.findings.filter((f) => f.check === "qemu-readable").map((f) => f.evidence)).toContain("test -r as libvirt-qemu (runuser)");
  });

  it("finds hv1 all green, the same CA as hv2 included", async () => {
    const { v, bad } = await validate("hv1");
    expect(bad).toEqual([]);
    expect(v.findings.find((f) => f.check === "cluster-ca")?.message).toBe("The same CA as hv2");
    expect(v.findings.find((f) => f.check === "tls-listener")?.severity).toBe("ok");
  });

  it("reports a private key made world-readable, and only that", async () => {
    await conns.hv1.run(["chmod", "0644", SERVER_KEY]);
    try {
      const { bad } = await validate("hv1");
      expect(bad).toEqual([expect.objectContaining({ check: "owner-mode", path: SERVER_KEY, severity: "error", evidence: "0644 root:root, expected 0600 root:root", fix: "Provision the host" })]);
    } finally {
      await conns.hv1.run(["chmod", "0600", SERVER_KEY]);
    }
  });

  it("reports a QEMU key the QEMU user cannot read, as tested on the host", async () => {
    await conns.hv1.run(["chgrp", "root", QEMU_SERVER_KEY]);
    try {
      const { bad } = await validate("hv1");
      expect(bad.map((f) => [f.check, f.path, f.severity])).toEqual([
        ["qemu-readable", QEMU_SERVER_KEY, "error"],
        ["owner-mode", QEMU_SERVER_KEY, "warning"],
      ]);
    } finally {
      const facts = (await readFacts(ctx.db, env.ids.hv1))!.facts;
      await conns.hv1.run(["chgrp", facts.qemuGroup, QEMU_SERVER_KEY]);
    }
  });
});
