// Delete and re-create must not get past the admin-only key replacement, against a real sshd on
// 127.0.0.1 whose host key is changed between the two host rows (the probe's exact scenario).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { fetchHostKeyFingerprint } from "@/lib/core/ssh/host-key";
import { sshConnector } from "@/lib/core/ssh/host-connector";
import { ensureDashboardSshKey } from "./dashboard-ssh-key";
import { createCluster } from "./clusters";
import { createHost, deleteHost, getHost } from "./hosts";
import { observeHostKey, pinHostKey } from "./host-key";
import { updateNetworkSettings } from "./network-settings";

const dir = mkdtempSync(path.join(tmpdir(), "vs-known-"));
let sshd: ChildProcess | undefined;
let port = 0;
let t: Awaited<ReturnType<typeof createTestDb>>;
let admin: CoreContext;
let operator: CoreContext;
let clusterId: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function startSshd(keyName: string): Promise<string> {
  const key = path.join(dir, keyName);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", keyName, "-f", key]);
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const config = path.join(dir, "sshd_config");
  writeFileSync(config, [
    `Port ${port}`, "ListenAddress 127.0.0.1", `HostKey ${key}`, `PidFile ${path.join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`, "UsePAM no", "StrictModes no", "PasswordAuthentication no",
    "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "SetEnv SHLVL=1", "LogLevel ERROR", "",
  ].join("\n"));
  sshd = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: "ignore" });
  const expected = execFileSync("ssh-keygen", ["-lf", `${key}.pub`], { encoding: "utf8" }).split(" ")[1];
  for (let i = 0; i < 100; i++) {
    const seen = await fetchHostKeyFingerprint({ address: "127.0.0.1", port, timeoutMs: 2000 }).catch(() => null);
    if (seen?.fingerprint === expected) return expected;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("sshd did not come up");
}

async function stopSshd(): Promise<void> {
  const p = sshd;
  sshd = undefined;
  if (!p || p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

beforeAll(async () => {
  port = await freePort();
  t = await createTestDb();
  admin = testContext(t.db, { type: "user", id: "a1", name: "alice", role: "admin" });
  operator = { ...admin, actor: { type: "user", id: "o1", name: "oscar", role: "operator" } };
  writeFileSync(path.join(dir, "authorized_keys"), (await ensureDashboardSshKey(admin)).publicKey + "\n");
  clusterId = (await createCluster(admin, { name: "lab" })).id;
  // This sshd listens on loopback, which hosts may use only once an admin allows it.
  await updateNetworkSettings(admin, { allowedHostNetworks: ["127.0.0.0/8"] });
});

afterAll(async () => {
  await stopSshd();
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("known host keys against a real sshd", () => {
  it("keeps the first pin when the host is deleted, re-created and its key changed", async () => {
    const first = await startSshd("key-a");
    const hostA = await createHost(operator, { name: "loop", address: "127.0.0.1", sshPort: port, sshUser: "root", clusterId });
    await pinHostKey(operator, hostA.id, (await observeHostKey(operator, hostA.id)).fingerprint);
    const conn = await sshConnector(admin)(await getHost(t.db, hostA.id));
    expect((await conn.exec(["true"])).code).toBe(0);
    await conn.close();

    await stopSshd();
    const second = await startSshd("key-b");
    expect(second).not.toBe(first);
    await deleteHost(operator, hostA.id);
    const hostB = await createHost(operator, { name: "loop", address: "127.0.0.1", sshPort: port, sshUser: "root", clusterId });
    expect(await observeHostKey(operator, hostB.id)).toMatchObject({ fingerprint: second, pinned: null, known: first, matchesPin: false });
    await expect(pinHostKey(operator, hostB.id, second)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getHost(t.db, hostB.id)).hostKey.pinned).toBeNull();

    // A pin slipped into the row directly still cannot connect: the record for the address wins.
    await t.db.host.update({ where: { id: hostB.id }, data: { hostKeyFingerprint: second } });
    await expect(sshConnector(admin)(await getHost(t.db, hostB.id))).rejects.toMatchObject({ code: "HOST_KEY_MISMATCH" });

    await t.db.host.update({ where: { id: hostB.id }, data: { hostKeyFingerprint: null } });
    await pinHostKey(admin, hostB.id, second);
    expect(await t.db.auditLog.count({ where: { action: "host.replace-key", targetId: hostB.id } })).toBe(1);
    const again = await sshConnector(admin)(await getHost(t.db, hostB.id));
    expect((await again.exec(["true"])).code).toBe(0);
    await again.close();
  });
});
