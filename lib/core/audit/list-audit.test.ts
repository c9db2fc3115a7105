import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { listAudit, pageAudit } from "./list-audit";

let t: Awaited<ReturnType<typeof createTestDb>>;
const T0 = Date.UTC(2026, 0, 1);
beforeAll(async () => {
  t = await createTestDb();
  // 75 entries a minute apart: every third refused, actions alternate host.create / cluster.update.
  await t.db.auditLog.createMany({
    data: Array.from({ length: 75 }, (_, i) => ({
      at: new Date(T0 + i * 60_000),
      actorType: "user",
      actorName: i < 5 ? "zoe" : "admin",
      action: i % 2 ? "cluster.update" : "host.create",
      targetType: "host",
      targetId: `h${i}`,
      result: i % 3 ? "ok" : "refused",
      detail: JSON.stringify({ name: `hv${i}` }),
    })),
  });
});
afterAll(() => t.cleanup());

const targets = (p: { items: { target: { id: string | null } }[] }) => p.items.map((e) => e.target.id);

describe("pageAudit", () => {
  it("pages newest first with a total", async () => {
    const first = await pageAudit(t.db, {});
    expect(first).toMatchObject({ total: 75, page: 1, pageSize: 50 });
    expect(targets(first).slice(0, 2)).toEqual(["h74", "h73"]);
    const second = await pageAudit(t.db, { page: "2" });
    expect(second.items).toHaveLength(25);
    expect(targets(second).at(-1)).toBe("h0");
    expect((await pageAudit(t.db, { page: "3" })).items).toEqual([]);
  });

  it("sorts oldest first, by actor, or by action", async () => {
    expect(targets(await pageAudit(t.db, { dir: "asc", limit: "2" }))).toEqual(["h0", "h1"]);
    expect(targets(await pageAudit(t.db, { sort: "actor", dir: "desc", limit: "2" }))).toEqual(["h4", "h3"]);
    const byAction = await pageAudit(t.db, { sort: "action", limit: "38" });
    expect(byAction.items.every((e) => e.action === "cluster.update")).toBe(false);
    expect(byAction.items[36].action).toBe("cluster.update");
    expect(byAction.items[37]).toMatchObject({ action: "host.create", target: { id: "h74" } });
  });

  it("filters by result and action prefix, and searches actor, target and detail", async () => {
    expect((await pageAudit(t.db, { result: "refused" })).total).toBe(25);
    expect((await pageAudit(t.db, { action: "host." })).total).toBe(38);
    expect((await pageAudit(t.db, { action: "host.", result: "refused" })).total).toBe(13);
    expect((await pageAudit(t.db, { q: "zoe" })).total).toBe(5);
    expect(targets(await pageAudit(t.db, { q: "hv7" }))).toEqual(["h74", "h73", "h72", "h71", "h70", "h7"]);
    expect((await listAudit(t.db, { limit: 3 })).map((e) => e.target.id)).toEqual(["h74", "h73", "h72"]);
  });

  it.each([{ limit: "0" }, { page: "-2" }, { result: "maybe" }, { action: "host create" }, { sort: "detail" }])("answers VALIDATION for %j", async (bad) => {
    await expect(pageAudit(t.db, bad)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
