// Scan against a real lab host: what is deployed is read over SSH and compared with what the CA issued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { getHost } from "@/lib/core/inventory/hosts";
import { sshConnector } from "@/lib/core/ssh/host-connector";
import type { HostConnection } from "@/lib/core/ssh/types";
import { labInventory } from "@/testing/lab-inventory";
import { createCa } from "./authority";
import { getActiveCa } from "./active-ca";
import { currentHostKeyMaterial, issueForHost } from "./issue-for-host";
import { listCertificates } from "./certificate-rows";
import { scanHost } from "./scan-host";

let env: Awaited<ReturnType<typeof labInventory>>;
let ctx: CoreContext;
let conn: HostConnection;

beforeAll(async () => {
  env = await labInventory("hv2");
  ctx = env.ctx;
  await createCa(ctx, {});
  await issueForHost(ctx, env.hostId);
  conn = await sshConnector(ctx)(await getHost(ctx.db, env.hostId));
  // Placed by hand, as an operator following the seeds would (provisioning does this later).
  const keys = await currentHostKeyMaterial(ctx, env.hostId);
  await conn.run(["mkdir", "-p", "/etc/pki/CA", "/etc/pki/libvirt/private", "/etc/pki/qemu"]);
  await conn.writeFileAtomic("/etc/pki/CA/cacert.pem", (await getActiveCa(ctx.db))!.certificatePem, { mode: 0o644 });
  await conn.writeFileAtomic("/etc/pki/libvirt/servercert.pem", keys.server.certificatePem, { mode: 0o644 });
  await conn.writeFileAtomic("/etc/pki/libvirt/clientcert.pem", keys.client.certificatePem, { mode: 0o644 });
  await conn.writeFileAtomic("/etc/pki/qemu/server-cert.pem", keys.server.certificatePem, { mode: 0o640, group: "libvirt-qemu" });
});

afterAll(async () => {
  await conn?.run(["rm", "-rf", "/etc/pki/libvirt", "/etc/pki/qemu", "/etc/pki/CA/cacert.pem"]);
  await conn?.close();
  await env?.t.cleanup();
});

describe("scanning deployed certificates over SSH", () => {
  it("records what is on the host and finds it matches what was issued", async () => {
    const entries = await scanHost(ctx.db, conn, env.hostId, new Date());
    expect(Object.fromEntries(entries.map((e) => [e.path, e.status]))).toEqual({
      "/etc/pki/CA/cacert.pem": "matches-issued",
      "/etc/pki/libvirt/servercert.pem": "matches-issued",
      "/etc/pki/libvirt/clientcert.pem": "matches-issued",
      "/etc/pki/qemu/ca-cert.pem": "missing",
      "/etc/pki/qemu/server-cert.pem": "matches-issued",
      "/etc/pki/qemu/client-cert.pem": "missing",
    });
    const scanned = await listCertificates(ctx.db, new Date(), { source: "scanned", hostId: env.hostId });
    expect(scanned.map((c) => c.path).sort()).toEqual(["/etc/pki/CA/cacert.pem", "/etc/pki/libvirt/clientcert.pem", "/etc/pki/libvirt/servercert.pem", "/etc/pki/qemu/server-cert.pem"]);
    expect(scanned.find((c) => c.kind === "server")?.sans).toEqual(expect.arrayContaining(["DNS:hv2", `IP:${env.lab.address}`]));
  });

  it("shows drift once the CA re-issues and the host still carries the old pair", async () => {
    await issueForHost(ctx, env.hostId, "renew");
    const entries = await scanHost(ctx.db, conn, env.hostId, new Date());
    expect(entries.find((e) => e.path === "/etc/pki/libvirt/servercert.pem")?.status).toBe("differs-from-issued");
    expect(entries.find((e) => e.path === "/etc/pki/CA/cacert.pem")?.status).toBe("matches-issued");
  });
});
