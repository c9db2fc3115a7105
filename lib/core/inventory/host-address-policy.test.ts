import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "./clusters";
import { createHost, updateHost } from "./hosts";
import { importHosts } from "./import-hosts";
import { updateNetworkSettings } from "./network-settings";

// The allowed host networks where inventory takes an address: create, import, update.
let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let clusterId: string;
beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  clusterId = (await createCluster(ctx, { name: "lab" })).id;
});
afterAll(() => t.cleanup());

const LOOPBACK = ["localhost", "127.0.0.1", "127.1", "0", "0.0.0.0", "::1", "::ffff:127.0.0.1", "2130706433", "169.254.169.254", "fe80::1"];

describe("host addresses and the allowed networks", () => {
  it("refuses loopback, this-host and link-local addresses at create by default, writing nothing", async () => {
    for (const address of LOOPBACK) {
      await expect(createHost(ctx, { name: "probe", address, clusterId }), address).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { address: [expect.stringMatching(/outside the networks/)] },
      });
    }
    expect(await t.db.host.count()).toBe(0);
  });

  it("accepts the lab's network and ordinary names by default", async () => {
    await createHost(ctx, { name: "hv1", address: "198.18.0.11", clusterId });
    await createHost(ctx, { name: "hv2", address: "hv2.lab.example", clusterId });
    expect(await t.db.host.count()).toBe(2);
  });

  it("refuses the whole import when one row's address is refused, naming the line", async () => {
    const csv = "name,address,cluster\nhv3,198.18.0.13,lab\nhv4,127.1,lab\n";
    await expect(importHosts(ctx, csv, "csv")).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { "line 3: address": [expect.stringMatching(/outside/)] } });
    expect(await t.db.host.count()).toBe(2);
  });

  it("refuses an update to a refused address and keeps the old one", async () => {
    const hv1 = await t.db.host.findUniqueOrThrow({ where: { name: "hv1" } });
    await expect(updateHost(ctx, hv1.id, { address: "::1" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await t.db.host.findUniqueOrThrow({ where: { id: hv1.id } })).address).toBe("198.18.0.11");
  });

  it("follows the admin's list: only listed networks, loopback once listed", async () => {
    await updateNetworkSettings(ctx, { allowedHostNetworks: ["198.18.0.0/24", "127.0.0.0/8"] });
    await expect(createHost(ctx, { name: "out", address: "10.0.0.5", clusterId })).rejects.toMatchObject({ code: "VALIDATION" });
    await createHost(ctx, { name: "loop", address: "127.0.0.1", clusterId });
    await importHosts(ctx, JSON.stringify([{ name: "hv5", address: "198.18.0.15", cluster: "lab" }]), "json");
    expect(await t.db.host.count()).toBe(4);
    await updateNetworkSettings(ctx, { allowedHostNetworks: [] });
  });
});
