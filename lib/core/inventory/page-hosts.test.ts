import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { pageHosts } from "./hosts";
import { CSV_COLUMNS, exportHostChunks, exportHosts } from "./import-hosts";
import { parseCsv } from "./csv";

let t: Awaited<ReturnType<typeof createTestDb>>;
const pad = (i: number) => String(i).padStart(3, "0");
beforeAll(async () => {
  t = await createTestDb();
  const a = await t.db.cluster.create({ data: { name: "alpha" } });
  const b = await t.db.cluster.create({ data: { name: "beta" } });
  // 120 hosts: even ones in alpha tagged "even", every tenth also tagged "ten"; addresses count down.
  await t.db.host.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      name: `hv${pad(i)}`,
      address: `10.0.${119 - i}.1`,
      clusterId: i % 2 ? b.id : a.id,
      tags: JSON.stringify([...(i % 2 ? [] : ["even"]), ...(i % 10 ? [] : ["ten"])]),
    })),
  });
});
afterAll(() => t.cleanup());

const names = (p: { items: { name: string }[] }) => p.items.map((h) => h.name);

describe("pageHosts", () => {
  it("pages by name with a total, and the last page holds the rest", async () => {
    const first = await pageHosts(t.db, {});
    expect(first).toMatchObject({ total: 120, page: 1, pageSize: 50 });
    expect(names(first).slice(0, 2)).toEqual(["hv000", "hv001"]);
    expect(first.items).toHaveLength(50);
    const last = await pageHosts(t.db, { page: "3" });
    expect(names(last)).toEqual(Array.from({ length: 20 }, (_, i) => `hv${pad(100 + i)}`));
    expect(await pageHosts(t.db, { page: "4" })).toMatchObject({ items: [], total: 120 });
    const exact = await pageHosts(t.db, { limit: "40", page: "3" });
    expect(names(exact)[39]).toBe("hv119");
  });

  it("sorts by a column in either direction, keeping pages disjoint", async () => {
    expect(names(await pageHosts(t.db, { sort: "name", dir: "desc", limit: "2" }))).toEqual(["hv119", "hv118"]);
    // "10.0.0.1" < "10.0.1.1" < "10.0.10.1": text order of the address column.
    expect(names(await pageHosts(t.db, { sort: "address", limit: "3" }))).toEqual(["hv119", "hv118", "hv109"]);
    const byCluster = [...names(await pageHosts(t.db, { sort: "cluster", dir: "desc", limit: "60" })), ...names(await pageHosts(t.db, { sort: "cluster", dir: "desc", limit: "60", page: "2" }))];
    expect(new Set(byCluster).size).toBe(120);
    expect(byCluster[0]).toBe("hv001");
    expect(byCluster[60]).toBe("hv000");
  });

  it("filters by cluster and tag and searches name and address", async () => {
    const beta = (await t.db.cluster.findUniqueOrThrow({ where: { name: "beta" } })).id;
    expect((await pageHosts(t.db, { clusterId: beta })).total).toBe(60);
    expect(names(await pageHosts(t.db, { tag: "ten" }))).toEqual(["hv000", "hv010", "hv020", "hv030", "hv040", "hv050", "hv060", "hv070", "hv080", "hv090", "hv100", "hv110"]);
    expect((await pageHosts(t.db, { tag: "even", clusterId: beta })).total).toBe(0);
    expect(names(await pageHosts(t.db, { q: "hv11" }))).toEqual(["hv110", "hv111", "hv112", "hv113", "hv114", "hv115", "hv116", "hv117", "hv118", "hv119"]);
    expect(names(await pageHosts(t.db, { q: "10.0.119." }))).toEqual(["hv000"]);
    // A search is text, never a pattern: % and _ match only themselves.
    expect((await pageHosts(t.db, { q: "%" })).total).toBe(0);
    expect((await pageHosts(t.db, { q: "hv_0" })).total).toBe(0);
  });

  it.each([{ page: "0" }, { limit: "x" }, { sort: "password" }, { dir: "sideways" }, { clusterId: "a b" }, { tag: "no spaces" }])("answers VALIDATION for %j", async (bad) => {
    await expect(pageHosts(t.db, bad)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("exportHosts", () => {
  // Runs last: it adds a cluster of 520 hosts, more than one export batch of 500.
  it("exports every host the filter matches, across batches, as valid CSV and JSON", async () => {
    const bulk = await t.db.cluster.create({ data: { name: "bulk" } });
    await t.db.host.createMany({ data: Array.from({ length: 520 }, (_, i) => ({ name: `bulk${pad(i)}`, address: `10.9.${i >> 8}.${i & 255}`, clusterId: bulk.id })) });
    const json = JSON.parse(await exportHosts(t.db, "json", { clusterId: bulk.id })) as { name: string; cluster: string }[];
    expect(json).toHaveLength(520);
    expect(new Set(json.map((h) => h.name)).size).toBe(520);
    expect(json[519]).toMatchObject({ name: "bulk519", cluster: "bulk" });
    const csv = parseCsv(await exportHosts(t.db, "csv", { clusterId: bulk.id }));
    expect(csv).toHaveLength(521);
    expect(csv[1].fields.slice(0, 5)).toEqual(["bulk000", "10.9.0.0", "22", "root", "bulk"]);
    expect(JSON.parse(await exportHosts(t.db, "json", { tag: "ten", sort: "name", dir: "desc" })).map((h: { name: string }) => h.name).slice(0, 2)).toEqual(["hv110", "hv100"]);
    expect(await exportHosts(t.db, "json", { q: "nothing-like-this" })).toBe("[]\n");
    expect(await exportHosts(t.db, "csv", { q: "nothing-like-this" })).toBe(CSV_COLUMNS.join(",") + "\n");
    expect(() => exportHostChunks(t.db, "csv", { tag: "bad tag" })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});
