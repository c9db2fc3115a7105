import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { allowedHostNetworks, assertHostAddressAllowed, getNetworkSettings, NETWORK_SETTINGS_KEY, updateNetworkSettings } from "./network-settings";

let t: Awaited<ReturnType<typeof createTestDb>>;
let admin: CoreContext;
let operator: CoreContext;
beforeAll(async () => {
  t = await createTestDb();
  admin = testContext(t.db);
  operator = testContext(t.db, { type: "user", id: "u-op", name: "op", role: "operator" });
});
afterAll(() => t.cleanup());

describe("allowed host networks", () => {
  it("defaults to any address but loopback and link-local", async () => {
    expect(await getNetworkSettings(t.db)).toEqual({ allowedHostNetworks: [] });
    await expect(assertHostAddressAllowed(t.db, "198.18.0.5")).resolves.toBeUndefined();
    await expect(assertHostAddressAllowed(t.db, "127.1")).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { address: [expect.stringMatching(/outside/)] } });
  });

  it("lets only an admin change it, stores it canonical and audits it", async () => {
    await expect(updateNetworkSettings(operator, { allowedHostNetworks: ["10.0.0.0/8"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const saved = await updateNetworkSettings(admin, { allowedHostNetworks: ["198.18.0.9/24", "198.18.0.0/24", "127.0.0.1", "FD00::/8"] });
    expect(saved.allowedHostNetworks).toEqual(["198.18.0.0/24", "127.0.0.1/32", "fd00::/8"]);
    expect((await allowedHostNetworks(t.db)).map((n) => n.text)).toEqual(saved.allowedHostNetworks);
    const audit = await t.db.auditLog.findFirst({ where: { action: "settings.network" }, orderBy: { at: "desc" } });
    expect(audit?.result).toBe("ok");
    await expect(assertHostAddressAllowed(t.db, "127.0.0.1")).resolves.toBeUndefined();
    await expect(assertHostAddressAllowed(t.db, "10.1.1.1", "migrationAddress")).rejects.toMatchObject({ fieldErrors: { migrationAddress: expect.any(Array) } });
  });

  it("refuses what is not a network list and keeps the previous value", async () => {
    const before = await getNetworkSettings(t.db);
    for (const bad of [{ allowedHostNetworks: ["127.1/8"] }, { allowedHostNetworks: "10.0.0.0/8" }, { allowedHostNetworks: ["x".repeat(100)] }, { other: [] }, null]) {
      await expect(updateNetworkSettings(admin, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await getNetworkSettings(t.db)).toEqual(before);
  });

  it("reads an unreadable stored value as an error, never as any address", async () => {
    await t.db.setting.update({ where: { key: NETWORK_SETTINGS_KEY }, data: { value: '["not a network"]' } });
    await expect(assertHostAddressAllowed(t.db, "10.1.1.1")).rejects.toMatchObject({ code: "INTERNAL" });
    await updateNetworkSettings(admin, { allowedHostNetworks: [] });
    await expect(assertHostAddressAllowed(t.db, "10.1.1.1")).resolves.toBeUndefined();
  });
});
