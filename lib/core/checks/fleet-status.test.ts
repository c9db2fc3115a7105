import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import { savePortCells } from "./matrix-store";
import { fleetStatus } from "./fleet-status";

const NOW = new Date("2026-12-01T00:00:00Z");
const DAY = 86_400_000;

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("fleetStatus", () => {
  it("counts hosts by TLS state, findings, expiring certificates, blocked pairs and running jobs", async () => {
    const c = await t.db.cluster.create({ data: { name: "lab" } });
    const pin = `SHA256:${"A".repeat(43)}`;
    const hv1 = (await t.db.host.create({ data: { name: "hv1", address: "10.0.0.11", clusterId: c.id, sshUser: "admin", hostKeyFingerprint: pin } })).id;
    const hv2 = (await t.db.host.create({ data: { name: "hv2", address: "10.0.0.12", clusterId: c.id, sshUser: "admin", hostKeyFingerprint: pin } })).id;
    // hv1: plain TCP without auth (the critical OSSN-0007 finding); hv2: provisioned tls-only, no facts.
    await saveFacts(t.db, hv1, parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", "debian12-listen.txt"), "utf8"), NOW), NOW);
    await t.db.hostProvision.create({ data: { hostId: hv2, mode: "tls-only", planHash: "h", appliedAt: NOW } });
    const cert = (serial: string, days: number, extra: object = {}) => ({
      hostId: hv2, hostName: "hv2", kind: "server", source: "issued", serial, fingerprintSha256: serial, subject: "CN=hv2", issuer: "CN=ca",
      notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + days * DAY), certificatePem: "-", ...extra,
    });
    await t.db.certificate.createMany({
      data: [cert("01", 3), cert("01", 3, { source: "scanned", path: "/etc/pki/libvirt/servercert.pem" }), cert("02", 20, { kind: "client" }), cert("03", 2, { kind: "client", revokedAt: NOW }), cert("04", 200, { kind: "client", current: false })],
    });
    await savePortCells(t.db, hv1, [{ destId: hv2, port: 49152, state: "timeout", error: null }, { destId: hv2, port: 16514, state: "open", error: null }], NOW);
    await savePortCells(t.db, hv2, [{ destId: hv1, port: 49152, state: "refused", error: null }], NOW);
    await t.db.job.create({ data: { kind: "port-checks", state: "running" } });
    await t.db.job.create({ data: { kind: "facts", state: "queued" } });

    const s = await fleetStatus(t.db, NOW);
    expect(s.hosts.map((h) => [h.hostName, h.state])).toEqual([["hv1", "insecure"], ["hv2", "tls-only"]]);
    expect(s.readiness).toEqual({ ready: 1, "at-risk": 1, unreachable: 0 });
    expect(s.states.insecure).toBe(1);
    expect(s.findings.critical).toBeGreaterThanOrEqual(1);
    expect(s.worstFindings[0]).toMatchObject({ hostName: "hv1", rule: "tcp-no-auth", severity: "critical" });
    expect(s.worstFindings.length).toBeLessThanOrEqual(5);
    expect(s.worstFindings.every((f) => f.severity !== "info")).toBe(true);
    expect(s.certificates).toMatchObject({ within7Days: 1, within30Days: 2 });
    expect(s.certificates.soonest.map((x) => [x.kind, x.daysLeft])).toEqual([["server", 3], ["client", 20]]);
    expect(s.blockedPairs).toBe(1);
    expect(s.jobsRunning).toBe(1);
  });
});
