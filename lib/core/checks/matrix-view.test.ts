import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { explainPortCell, explainTlsCell, groupOf, rangeOf, type Probe } from "./explain-cell";
import { buildPortLayers, buildTlsLayer, summarizeLayer, type MatrixHost } from "./matrix-view";
import { findBlockedPairs, listBlockedPairs } from "./blocked-pairs";
import { savePortCells, saveTlsCells, type PortMatrixEntry, type TlsMatrixEntry } from "./matrix-store";
import type { PortState } from "./parse-port-probes";

const AT = "2026-12-02T07:00:00.000Z";
const probe = (port: number, state: PortState, error: string | null = null): Probe => ({ port, state, error, checkedAt: AT });
const N = { source: "hv1", dest: "hv2" };

describe("explainPortCell", () => {
  it("tells a closed migration port (refused: fine) from a dropped one, with the fix", () => {
    expect(explainPortCell("migration", [probe(49152, "refused"), probe(49183, "refused"), probe(49215, "refused")], N)).toMatchObject({ tone: "ok", label: "reachable" });
    const dropped = explainPortCell("migration", [probe(49152, "timeout"), probe(49183, "timeout"), probe(49215, "timeout")], N);
    expect(dropped).toMatchObject({ tone: "bad", label: "timeout", fix: "open 49152-49215/tcp on hv2 to hv1: provisioning does this" });
    const partly = explainPortCell("migration", [probe(49152, "refused"), probe(49183, "refused"), probe(49215, "unreachable", "No route to host")], N);
    expect(partly.tone).toBe("bad");
    expect(partly.explanation).toContain("49215 of 49152-49215: unreachable");
    expect(explainPortCell("migration", [probe(49152, "error", "no nc")], N)).toMatchObject({ tone: "error", explanation: "no nc" });
    expect(explainPortCell("migration", [], N).tone).toBe("none");
  });

  it("calls a blocked 16514 bad with the reason's fix, and an open 16509 a warning", () => {
    expect(explainPortCell("tls", [probe(16514, "timeout")], N)).toMatchObject({ tone: "bad", fix: "open 16514/tcp on hv2 to hv1: provisioning does this" });
    expect(explainPortCell("tls", [probe(16514, "refused")], N)).toMatchObject({ tone: "bad", fix: "enable the TLS listener on hv2: provisioning does this" });
    expect(explainPortCell("tls", [probe(16514, "open")], N).tone).toBe("ok");
    expect(explainPortCell("plain", [probe(16509, "open")], N)).toMatchObject({ tone: "warn", fix: expect.stringContaining("tls-only") });
    expect(explainPortCell("plain", [probe(16509, "refused")], N)).toMatchObject({ tone: "ok", label: "closed" });
    expect(explainPortCell("ssh", [probe(22, "timeout")], N)).toMatchObject({ tone: "warn", fix: expect.stringContaining("open 22/tcp on hv2 to hv1") });
  });

  it("explains TLS handshake failures from the reasons table", () => {
    expect(explainTlsCell("hostname-mismatch", { ...N, target: "hv2.lab" })).toMatchObject({ tone: "bad", fix: "re-issue hv2's certificates with hv2.lab among its names or IPs, then provision it" });
    expect(explainTlsCell("ok", N).tone).toBe("ok");
    expect(explainTlsCell(null, N).tone).toBe("none");
  });

  it("groups ports and prints ranges", () => {
    expect([22, 16514, 16509, 49152, 50000].map(groupOf)).toEqual(["ssh", "tls", "plain", "migration", "migration"]);
    expect(rangeOf([{ port: 49215 }, { port: 49152 }, { port: 49183 }])).toBe("49152-49215");
    expect(rangeOf([{ port: 5000 }])).toBe("5000");
  });
});

describe("the matrix layers", () => {
  const hosts: MatrixHost[] = [{ id: "a", name: "hv1", clusterId: "c1" }, { id: "b", name: "hv2", clusterId: "c1" }, { id: "z", name: "hv9", clusterId: "c2" }];
  const entry = (sourceId: string, destId: string, port: number, state: PortState): PortMatrixEntry => ({ sourceId, destId, port, state, error: state === "timeout" ? "no answer" : null, checkedAt: AT });

  it("draws a grid per port group, with the dashboard's row on 16514 and no cell for itself or another cluster", () => {
    const layers = buildPortLayers(hosts, [
      entry("a", "b", 22, "open"), entry("a", "b", 16514, "open"), entry("a", "b", 16509, "refused"),
      entry("a", "b", 49152, "timeout"), entry("a", "b", 49215, "timeout"),
      entry("dashboard", "a", 16514, "unreachable"),
    ]);
    expect(layers.map((l) => l.key)).toEqual(["migration", "tls", "ssh", "plain"]);
    const [migration, tls] = layers;
    expect(migration.sources.map((s) => s.name)).toEqual(["hv1", "hv2", "hv9"]);
    expect(migration.cells[0][0]).toBeNull();
    expect(migration.cells[0][2]).toBeNull(); // hv1 -> hv9: another cluster, never probed
    expect(migration.cells[0][1]).toMatchObject({ tone: "bad", ports: "49152-49215", error: "no answer", checkedAt: AT });
    expect(migration.cells[1][0]).toMatchObject({ tone: "none" });
    expect(tls.sources[0]).toEqual({ id: "dashboard", name: "dashboard" });
    expect(tls.cells[0][0]).toMatchObject({ tone: "bad", label: "unreachable" });
    expect(tls.cells[0][2]).toMatchObject({ tone: "none" }); // the dashboard pairs with every host
    expect(summarizeLayer(migration)).toMatchObject({ bad: 1, none: 1, newest: AT, oldest: AT });
  });

  it("draws the TLS handshake layer", () => {
    const tls: TlsMatrixEntry[] = [{ sourceId: "a", destId: "b", target: "hv2", state: "unknown-issuer", error: "hasn't got a known issuer", checkedAt: AT }];
    const layer = buildTlsLayer(hosts, tls);
    expect(layer.cells[0][1]).toMatchObject({ tone: "bad", label: "unknown-issuer", error: "hasn't got a known issuer" });
    expect(layer.cells[1][0]).toMatchObject({ tone: "none" });
  });
});

describe("blocked pairs", () => {
  const names = new Map([["a", "hv1"], ["b", "hv2"]]);
  const row = (sourceId: string, destId: string, port: number, state: string) => ({ sourceId, destId, port, state, error: null, checkedAt: new Date(AT) });

  it("flags a dropped migration range, a dropped 16514 and a failed handshake, not a refused one", () => {
    const pairs = findBlockedPairs(names, [
      row("a", "b", 49152, "timeout"), row("a", "b", 49215, "refused"), row("a", "b", 16514, "unreachable"),
      row("b", "a", 49152, "refused"), row("b", "a", 16514, "refused"),
      row("dashboard", "a", 16514, "timeout"), row("a", "gone", 16514, "timeout"),
    ], [{ sourceId: "b", destId: "a", target: "hv1", state: "dn-not-allowed", error: "not on the list", checkedAt: new Date(AT) }]);
    expect(pairs.map((p) => [p.sourceName, p.destName, p.problems.map((x) => x.layer)])).toEqual([
      ["hv1", "hv2", ["tls-port", "migration"]],
      ["hv2", "hv1", ["handshake"]],
    ]);
    expect(pairs[0].problems[1].fix).toBe("open 49152-49215/tcp on hv2 to hv1: provisioning does this");
    expect(pairs[1].problems[0].fix).toContain("tls_allowed_dn_list on hv1");
  });

  describe("from the database", () => {
    let t: Awaited<ReturnType<typeof createTestDb>>;
    beforeAll(async () => {
      t = await createTestDb();
    });
    afterAll(() => t.cleanup());

    it("lists the pairs involving one host, at either end", async () => {
      const c = await t.db.cluster.create({ data: { name: "lab" } });
      const [a, b, d] = await Promise.all(["hv1", "hv2", "hv3"].map((name, i) => t.db.host.create({ data: { name, address: `10.0.0.${i + 1}`, clusterId: c.id } }).then((h) => h.id)));
      const now = new Date(AT);
      await savePortCells(t.db, a, [{ destId: b, port: 49152, state: "timeout", error: "no answer" }, { destId: d, port: 49152, state: "refused", error: null }], now);
      await savePortCells(t.db, d, [{ destId: b, port: 16514, state: "timeout", error: null }, { destId: b, port: 22, state: "timeout", error: null }], now);
      await saveTlsCells(t.db, b, [a, d], [{ destId: a, target: "hv1", state: "ok", error: null }, { destId: d, target: "hv3", state: "expired", error: "has expired" }], now);
      const forA = await listBlockedPairs(t.db, { hostId: a });
      expect(forA.map((p) => `${p.sourceName}>${p.destName}`)).toEqual(["hv1>hv2"]);
      const forB = await listBlockedPairs(t.db, { hostId: b });
      expect(forB.map((p) => `${p.sourceName}>${p.destName}:${p.problems.map((x) => x.layer).join()}`)).toEqual(["hv1>hv2:migration", "hv2>hv3:handshake", "hv3>hv2:tls-port"]);
      expect((await listBlockedPairs(t.db)).length).toBe(3);
    });
  });
});
