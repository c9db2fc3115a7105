import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import { listAuditFindings } from "./audit-findings";

const NOW = new Date("2026-12-01T00:00:00Z");
let t: Awaited<ReturnType<typeof createTestDb>>;
let hv1: string;

beforeEach(async () => {
  t = await createTestDb();
  const c = await t.db.cluster.create({ data: { name: "lab", policy: "prefer-tls" } });
  const other = await t.db.cluster.create({ data: { name: "other" } });
  hv1 = (await t.db.host.create({ data: { name: "hv1", address: "10.0.0.11", clusterId: c.id, sshUser: "admin", hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
  await t.db.host.create({ data: { name: "hv9", address: "10.0.0.19", clusterId: other.id, sshUser: "admin" } });
  const facts = parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", "debian12-listen.txt"), "utf8"), NOW);
  await saveFacts(t.db, hv1, facts, NOW);
  const cert = (serial: string, source: string, days: number, extra: object = {}) => ({
    hostId: hv1, hostName: "hv1", kind: "server", source, serial, fingerprintSha256: serial, subject: "CN=hv1", issuer: "CN=ca",
    notBefore: new Date(NOW.getTime() - 86_400_000), notAfter: new Date(NOW.getTime() + days * 86_400_000), certificatePem: "-", ...extra,
  });
  await t.db.certificate.createMany({
    data: [
      cert("01", "issued", 5),
      cert("01", "scanned", 5, { path: "/etc/pki/libvirt/servercert.pem" }), // the same certificate, seen on the host
      cert("02", "issued", -3, { current: false }), // superseded
      cert("03", "issued", -3, { revokedAt: NOW }), // revoked
    ],
  });
});
afterEach(async () => t.cleanup());

describe("listAuditFindings from the database", () => {
  it("reads facts, certificates in force, policy and pins, and filters by cluster and severity", async () => {
    const all = await listAuditFindings(t.db, NOW);
    expect(all.filter((f) => f.hostId === hv1).map((f) => f.rule).sort()).toEqual(
      ["certificate-expiring", "listen-all-interfaces", "migrate-tls-force-off", "policy-allows-plain-tcp", "tcp-no-auth"],
    );
    expect(all.filter((f) => f.hostName === "hv9").map((f) => f.rule).sort()).toEqual(["facts-missing", "host-key-unpinned"]);
    const lab = await listAuditFindings(t.db, NOW, { clusterId: (await t.db.cluster.findUniqueOrThrow({ where: { name: "lab" } })).id, severity: "critical" });
    expect(lab.map((f) => [f.hostName, f.rule])).toEqual([["hv1", "tcp-no-auth"]]);
  });

  it("refuses a bad filter", async () => {
    await expect(listAuditFindings(t.db, NOW, { severity: "dire" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
