// Host keys stay pinned across delete and re-create: the pin is recorded by SSH address and
// port, and both pinning and connecting check it, whatever host row is asking.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "./clusters";
import { createHost, deleteHost, getHost } from "./hosts";
import { observeHostKey, pinHostKey } from "./host-key";
import { knownHostKey } from "./known-host-keys";
import { sshConnector } from "@/lib/core/ssh/host-connector";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";

// The sshd the host runs: the fingerprint it offers now.
const offered = vi.hoisted(() => ({ fingerprint: "" }));
vi.mock("@/lib/core/ssh/host-key", () => ({
  fetchHostKeyFingerprint: async () => ({ fingerprint: offered.fingerprint, keyType: "ssh-ed25519" }),
}));
const opened = vi.hoisted(() => ({ targets: [] as { address: string; pinnedFingerprint: string }[] }));
vi.mock("@/lib/core/ssh/connect", () => ({
  openConnection: async (target: { address: string; pinnedFingerprint: string }) => {
    opened.targets.push(target);
    return new FakeConnection();
  },
}));

const KEY_A = "SHA256:" + "A".repeat(43);
const KEY_B = "SHA256:" + "B".repeat(43);

let t: Awaited<ReturnType<typeof createTestDb>>;
let admin: CoreContext;
let operator: CoreContext;
let clusterId: string;
beforeAll(async () => {
  t = await createTestDb();
  admin = testContext(t.db, { type: "user", id: "a1", name: "alice", role: "admin" });
  operator = { ...admin, actor: { type: "user", id: "o1", name: "oscar", role: "operator" } };
  clusterId = (await createCluster(admin, { name: "prod" })).id;
});
afterAll(() => t.cleanup());
beforeEach(() => {
  opened.targets = [];
});

async function recreate(name: string, address: string): Promise<string> {
  const existing = await t.db.host.findUnique({ where: { name } });
  if (existing) await deleteHost(operator, existing.id);
  return (await createHost(operator, { name, address, clusterId })).id;
}

describe("known host keys by address", () => {
  it("records the first pin by address and port", async () => {
    offered.fingerprint = KEY_A;
    const id = await recreate("hv1", "198.18.0.21");
    await pinHostKey(operator, id, KEY_A);
    expect(await knownHostKey(t.db, { address: "198.18.0.21", port: 22 })).toBe(KEY_A);
  });

  it("refuses an operator who deletes and re-creates the host to pin a new key", async () => {
    offered.fingerprint = KEY_B;
    const id = await recreate("hv1", "198.18.0.21");
    const seen = await observeHostKey(operator, id);
    expect(seen).toMatchObject({ pinned: null, known: KEY_A, matchesPin: false });
    await expect(pinHostKey(operator, id, KEY_B)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getHost(t.db, id)).hostKey.pinned).toBeNull();
    expect(await knownHostKey(t.db, { address: "198.18.0.21", port: 22 })).toBe(KEY_A);
    const refused = await t.db.auditLog.findFirst({ where: { action: "host.pin-key", result: "refused", targetId: id } });
    expect(refused?.detail).toContain("198.18.0.21:22");
  });

  it("treats the address case-insensitively, and a different port as another endpoint", async () => {
    offered.fingerprint = KEY_B;
    const upper = await recreate("hv1", "198.18.0.21");
    await t.db.host.update({ where: { id: upper }, data: { address: " 198.18.0.21 " } });
    await expect(pinHostKey(operator, upper, KEY_B)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = (await createHost(operator, { name: "hv1-alt", address: "198.18.0.21", sshPort: 2222, clusterId })).id;
    await pinHostKey(operator, other, KEY_B);
    expect(await knownHostKey(t.db, { address: "198.18.0.21", port: 2222 })).toBe(KEY_B);
  });

  it("lets an operator pin the recorded key again on a re-created host", async () => {
    offered.fingerprint = KEY_A;
    const id = await recreate("hv1", "198.18.0.21");
    await pinHostKey(operator, id, KEY_A);
    expect((await getHost(t.db, id)).hostKey.pinned).toBe(KEY_A);
    expect(await t.db.auditLog.count({ where: { action: "host.replace-key", targetId: id } })).toBe(0);
  });

  it("lets an admin replace the recorded key, audited as a replacement", async () => {
    offered.fingerprint = KEY_B;
    const id = await recreate("hv1", "198.18.0.21");
    await pinHostKey(admin, id, KEY_B);
    expect(await knownHostKey(t.db, { address: "198.18.0.21", port: 22 })).toBe(KEY_B);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "host.replace-key", targetId: id } });
    expect(JSON.parse(audit.detail)).toMatchObject({ fingerprint: KEY_B, previous: KEY_A });
  });

  it("refuses to connect when the host's pin disagrees with the key recorded for its address", async () => {
    const id = await recreate("hv1", "198.18.0.21");
    // A pin written behind pinHostKey's back (an old row, a restored backup): the record wins.
    await t.db.host.update({ where: { id }, data: { hostKeyFingerprint: KEY_A } });
    const connect = sshConnector(admin);
    await expect(connect(await getHost(t.db, id))).rejects.toMatchObject({ code: "HOST_KEY_MISMATCH", message: expect.stringContaining(KEY_B) });
    expect(opened.targets).toEqual([]);
    await t.db.host.update({ where: { id }, data: { hostKeyFingerprint: KEY_B } });
    await (await connect(await getHost(t.db, id))).close();
    expect(opened.targets).toMatchObject([{ address: "198.18.0.21", pinnedFingerprint: KEY_B }]);
  });

  it("adopts a pin made before addresses were recorded, then holds re-created hosts to it", async () => {
    const id = (await createHost(operator, { name: "hv9", address: "198.18.0.29", clusterId })).id;
    await t.db.host.update({ where: { id }, data: { hostKeyFingerprint: KEY_A } });
    await (await sshConnector(admin)(await getHost(t.db, id))).close();
    expect(await knownHostKey(t.db, { address: "198.18.0.29", port: 22 })).toBe(KEY_A);
    offered.fingerprint = KEY_B;
    const again = await recreate("hv9", "198.18.0.29");
    await expect(pinHostKey(operator, again, KEY_B)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
