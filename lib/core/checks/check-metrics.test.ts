import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { renderMetrics } from "@/lib/core/metrics/render-metrics";
import { savePortCells, saveTlsCells } from "./matrix-store";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t.cleanup());

describe("/metrics families of the checks", () => {
  it("counts findings by severity and exports each port and TLS cell by host name", async () => {
    const c = await t.db.cluster.create({ data: { name: "lab" } });
    const hv1 = (await t.db.host.create({ data: { name: "hv1", address: "10.0.0.11", clusterId: c.id } })).id;
    const hv2 = (await t.db.host.create({ data: { name: "hv2", address: "10.0.0.12", clusterId: c.id, sshUser: "admin", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
    const now = new Date();
    await savePortCells(t.db, hv1, [
      { destId: hv2, port: 49152, state: "timeout", error: "no answer" },
      { destId: hv2, port: 16509, state: "refused", error: "Connection refused" },
      { destId: hv2, port: 22, state: "open", error: null },
    ], now);
    await savePortCells(t.db, "dashboard", [{ destId: hv1, port: 16514, state: "unreachable", error: "EHOSTUNREACH" }], now);
    await saveTlsCells(t.db, hv2, [hv1], [{ destId: hv1, target: "hv1", state: "unknown-issuer", error: "hasn't got a known issuer" }], now);
    const text = await renderMetrics(t.db, now);
    // hv1: no facts, unpinned key, root login; hv2: no facts.
    expect(text).toContain('virtshield_audit_findings{severity="critical"} 0');
    expect(text).toContain('virtshield_audit_findings{severity="warning"} 1');
    expect(text).toContain('virtshield_audit_findings{severity="info"} 3');
    expect(text).toContain('virtshield_port_reachable{source="hv1",dest="hv2",port="49152"} 0');
    expect(text).toContain('virtshield_port_reachable{source="hv1",dest="hv2",port="16509"} 1');
    expect(text).toContain('virtshield_port_reachable{source="hv1",dest="hv2",port="22"} 1');
    expect(text).toContain('virtshield_port_reachable{source="dashboard",dest="hv1",port="16514"} 0');
    expect(text).toContain('virtshield_tls_pair_ok{source="hv2",dest="hv1"} 0');
    expect(text).toMatch(/# TYPE virtshield_tls_pair_ok gauge/);
  });
});
