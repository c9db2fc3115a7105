import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLab } from "@/e2e/lab/lab";
import { openConnection, withConnection } from "@/lib/core/ssh/connect";
import { fetchHostKeyFingerprint } from "@/lib/core/ssh/host-key";
import type { HostConnection, PinnedSshTarget } from "@/lib/core/ssh/types";
import { HostFacts } from "./facts";
import { gatherFacts } from "./gather-facts";

// Against a real lab hypervisor (e2e/lab, LAB.md; brought up by the integration globalSetup) in
// its insecure start state. Read-only on libvirt; file writes go to a scratch dir removed afterwards.
const lab = readLab();
const host = lab.hosts[0];
const privateKey = lab.privateKey;
let pinned = "";
const target = (username: string): PinnedSshTarget => ({
  address: host.address,
  port: host.sshPort,
  username,
  privateKey,
  pinnedFingerprint: pinned,
});

beforeAll(async () => {
  const seen = await fetchHostKeyFingerprint({ address: host.address, port: host.sshPort, timeoutMs: 10_000 });
  pinned = seen.fingerprint;
});

describe(`facts from lab host ${host.name}`, () => {
  it("pins the same host key the lab recorded", () => {
    expect(pinned).toBe(host.hostKeyFingerprint);
  });

  it("gathers Debian 12 / libvirt 9 / QEMU 7 facts in the insecure start state", async () => {
    const f = await withConnection(target("root"), (c) => gatherFacts(c, new Date("2026-11-23T12:00:00Z")));
    expect(HostFacts.parse(f)).toEqual(f);
    expect(f.hostname).toBe(host.name);
    expect(f.os).toMatchObject({ id: "debian", versionId: "12" });
    expect(f.libvirtVersion).toMatch(/^9\./);
    expect(f.qemuVersion).toMatch(/^7\./);
    expect(f.nativeTlsSupported).toBe(true);
    expect(f.libvirtReachable).toBe(true);
    expect([f.qemuUser, f.qemuGroup]).toEqual(["libvirt-qemu", "libvirt-qemu"]);
    expect(f.libvirtdConf).toMatchObject({ listen_tcp: 1, auth_tcp: "none", listen_tls: 0 });
    expect(f.tlsDaemon).toBe("libvirtd");
    expect(f.libvirtMode).toBe("listen-flag");
    expect(f.listeningPorts.tcp16509).toBe(true);
    expect(f.virtAdminTlsUpdate).toBe(true);
    expect(f.warnings).toEqual([]);
    // Debian's default /etc/sasl2/libvirt.conf; the clock is read (its skew here is against the fixed date above).
    expect(f.saslMechanisms).toEqual(["gssapi"]);
    expect(f.clock?.hostEpochSeconds).toBeGreaterThan(1_700_000_000);
  });
});

describe(`the sudo user ${host.sudoUser} on ${host.name}`, () => {
  let conn: HostConnection;
  let scratch = "";

  beforeAll(async () => {
    conn = await openConnection(target(host.sudoUser));
    scratch = (await conn.run(["mktemp", "-d", "/tmp/vs-int-XXXXXX"])).trim();
  });

  afterAll(async () => {
    // beforeAll may have failed before connecting.
    if (!conn) return;
    if (scratch) await conn.run(["rm", "-rf", "--", scratch]);
    await conn.close();
  });

  it("runs every command through sudo -n unless told not to", async () => {
    expect(await conn.run(["id", "-un"])).toBe("root\n");
    expect(await conn.run(["id", "-un"], { sudo: false })).toBe(`${host.sudoUser}\n`);
  });

  it("stops a timed-out command on the host, through sudo", async () => {
    await expect(conn.exec(["sleep", "43.5"], { timeoutMs: 300 })).rejects.toMatchObject({ code: "REMOTE_COMMAND_FAILED" });
    let alive = true;
    for (let i = 0; i < 50 && alive; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alive = (await conn.exec(["pgrep", "-f", "sleep 43.5"], { sudo: false })).code === 0;
    }
    expect(alive).toBe(false);
  });

  it("gathers the same facts as root", async () => {
    const f = await gatherFacts(conn, new Date());
    expect(f.libvirtVersion).toMatch(/^9\./);
    expect(f.libvirtdConf).toMatchObject({ listen_tcp: 1, auth_tcp: "none" });
  });

  it("writes a root-owned file atomically through sudo", async () => {
    const file = `${scratch}/server-key.pem`;
    await conn.writeFileAtomic(file, "first\n", { mode: 0o600 });
    await conn.writeFileAtomic(file, "second\n", { mode: 0o640, owner: "root", group: "libvirt-qemu" });
    expect((await conn.readFile(file))?.toString()).toBe("second\n");
    expect(await conn.run(["stat", "-c", "%a %U %G", file])).toBe("640 root libvirt-qemu\n");
    expect(await conn.readFile(`${scratch}/missing.pem`)).toBeNull();
    await expect(conn.writeFileAtomic(file, "x", { mode: 0o644, group: "no-such-group-vs" })).rejects.toMatchObject({
      code: "REMOTE_COMMAND_FAILED",
    });
    expect(await conn.run(["ls", "-A", scratch])).toBe("server-key.pem\n");
  });

  it("writes through SFTP as root with the same result", async () => {
    const file = `${scratch}/root-written.pem`;
    await withConnection(target("root"), (c) => c.writeFileAtomic(file, "by root\n", { mode: 0o640, group: "libvirt-qemu" }));
    expect(await conn.run(["stat", "-c", "%a %U %G", file])).toBe("640 root libvirt-qemu\n");
    expect((await conn.readFile(file))?.toString()).toBe("by root\n");
  });
});
