import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { loadHostTlsStates } from "./load-host-tls-states";

// A fleet past SQLite's 999 bound parameters: the overview once answered 500 here.
describe("loadHostTlsStates at fleet scale", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.cluster.createMany({ data: [{ id: "c1", name: "a" }, { id: "c2", name: "b" }] });
    await t.db.host.createMany({ data: Array.from({ length: 1200 }, (_, i) => ({ id: `h${i}`, name: `hv${i}`, address: `10.0.${i >> 8}.${i & 255}`, clusterId: i % 2 ? "c2" : "c1" })) });
    await t.db.job.createMany({ data: [
      { kind: "facts", state: "succeeded", hostId: "h1", finishedAt: new Date("2026-01-02T00:00:00Z") },
      { kind: "facts", state: "failed", hostId: "h2", errorCode: "HOST_UNREACHABLE", error: "no route", finishedAt: new Date("2026-01-02T00:00:00Z") },
    ] });
  });
  afterAll(async () => t.cleanup());

  it("answers for 1,200 hosts, and for one cluster of them", async () => {
    const all = await loadHostTlsStates(t.db);
    expect(all).toHaveLength(1200);
    expect(all.find((r) => r.hostId === "h2")?.state).toBe("unreachable");
    const c2 = await loadHostTlsStates(t.db, { clusterId: "c2" });
    expect(c2).toHaveLength(600);
    expect(c2.every((r) => r.clusterId === "c2")).toBe(true);
  });
});
