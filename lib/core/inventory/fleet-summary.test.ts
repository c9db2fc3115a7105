import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { createCluster } from "./clusters";
import { createHost } from "./hosts";
import { fleetSummary } from "./fleet-summary";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("fleetSummary", () => {
  it("counts clusters, pinned and unpinned host keys, facts and jobs", async () => {
    const ctx = testContext(t.db);
    expect(await fleetSummary(t.db)).toEqual({ clusters: 0, hosts: 0, hostKeysPinned: 0, hostKeysUnpinned: 0, hostsWithFacts: 0, jobsRunning: 0, jobsFailed: 0 });
    const { id: clusterId } = await createCluster(ctx, { name: "prod" });
    const a = await createHost(ctx, { name: "hv1", address: "198.18.0.11", clusterId });
    await createHost(ctx, { name: "hv2", address: "198.18.0.12", clusterId });
    await t.db.host.update({ where: { id: a.id }, data: { hostKeyFingerprint: "SHA256:x" } });
    await t.db.hostFacts.create({ data: { hostId: a.id, data: "{}", gatheredAt: new Date() } });
    await t.db.job.create({ data: { kind: "facts", state: "running" } });
    await t.db.job.create({ data: { kind: "facts", state: "failed" } });
    await t.db.job.create({ data: { kind: "facts", state: "succeeded" } });
    expect(await fleetSummary(t.db)).toEqual({ clusters: 1, hosts: 2, hostKeysPinned: 1, hostKeysUnpinned: 1, hostsWithFacts: 1, jobsRunning: 1, jobsFailed: 1 });
  });
});
