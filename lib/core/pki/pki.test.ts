import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost, updateHost } from "@/lib/core/inventory/hosts";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { inspectCertificate, generateCa } from "@/lib/core/x509";
import { createCa, importExistingCa, useExternalCa } from "./authority";
import { getActiveCa } from "./active-ca";
import { currentHostKeyMaterial, issueForHost } from "./issue-for-host";
import { listCertificates } from "./certificate-rows";
import { revokeHostCertificates } from "./revoke";
import { currentCrl } from "./crl";
import { dueForRenewal } from "./renewal";
import { scanHost } from "./scan-host";
import { renderMetrics } from "@/lib/core/metrics/render-metrics";
import { certificatesCsv } from "./certificates-csv";

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let hostId: string;
const DAY = 86_400_000;
// RSA key generation on a busy 2-core machine: seconds per key, not a hang.
const SLOW = { timeout: 30_000 };

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  const cluster = await createCluster(ctx, { name: "prod" });
  hostId = (await createHost(ctx, { name: "hv1", address: "198.18.0.11", clusterId: cluster.id, names: ["hv1.lab"] })).id;
});
afterAll(() => t.cleanup());

describe("certificate authority lifecycle", SLOW, () => {
  it("refuses to issue before a CA exists", async () => {
    await expect(issueForHost(ctx, hostId)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("creates one CA, refuses a second, and keeps its key sealed", async () => {
    const ca = await createCa(ctx, { commonName: "Lab CA", validityDays: 3650 });
    expect(ca).toMatchObject({ mode: "generated", subject: expect.stringContaining("CN=Lab CA"), crlNumber: 1 });
    expect(await currentCrl(t.db)).toContain("BEGIN X509 CRL");
    expect(JSON.stringify(await getActiveCa(t.db))).not.toContain("PRIVATE KEY");
    await expect(createCa(ctx, {})).rejects.toMatchObject({ code: "CONFLICT" });
    const viewer = { ...ctx, actor: { type: "user" as const, id: "v", name: "v", role: "operator" as const } };
    await expect(createCa(viewer, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("issues a server and client pair with every name of the host, and re-issues keeping history", async () => {
    const first = await issueForHost(ctx, hostId);
    expect(first.clientDn).toBe("CN=hv1,O=virtshield");
    expect(first.server.sans.sort()).toEqual(["DNS:hv1", "DNS:hv1.lab", "IP:198.18.0.11"]);
    await updateHost(ctx, hostId, { migrationAddress: "198.18.0.111" });
    expect(await dueForRenewal(t.db, new Date())).toEqual([{ hostId, hostName: "hv1", reason: expect.stringContaining("IP:198.18.0.111") }]);
    const second = await issueForHost(ctx, hostId, "renew");
    expect(second.server.sans).toContain("IP:198.18.0.111");
    expect(second.server.serial).not.toBe(first.server.serial);
    const current = await listCertificates(t.db, new Date(), { hostId });
    expect(current.map((c) => c.kind).sort()).toEqual(["client", "server"]);
    const all = await listCertificates(t.db, new Date(), { hostId, includeHistory: true });
    expect(all).toHaveLength(4);
    const material = await currentHostKeyMaterial(ctx, hostId);
    expect(inspectCertificate(material.server.certificatePem).serial).toBe(second.server.serial);
  });

  it("lists the CA with the fleet, with days left and bands, and exports CSV", async () => {
    const now = new Date();
    const certs = await listCertificates(t.db, now);
    expect(certs.find((c) => c.kind === "ca")).toMatchObject({ source: "issued", band: "ok" });
    expect(certs.find((c) => c.kind === "server")).toMatchObject({ daysLeft: 364, band: "ok", source: "issued" });
    const later = await listCertificates(t.db, new Date(now.getTime() + 360 * DAY));
    expect(later.find((c) => c.kind === "server")?.band).toBe("critical");
    expect((await listCertificates(t.db, new Date(now.getTime() + 400 * DAY))).find((c) => c.kind === "server")?.band).toBe("expired");
    expect(certificatesCsv(certs).split("\n")[0]).toContain("daysLeft");
    expect((await listCertificates(t.db, now, { hostText: "HV" })).map((c) => c.kind).sort()).toEqual(["client", "server"]);
    expect(await listCertificates(t.db, now, { hostText: "nope" })).toEqual([]);
  });

  it("finds certificates due for renewal by the threshold, expired ones included", async () => {
    expect(await dueForRenewal(t.db, new Date())).toEqual([]);
    expect((await dueForRenewal(t.db, new Date(Date.now() + 340 * DAY))).map((d) => d.hostId)).toEqual([hostId]);
    expect((await dueForRenewal(t.db, new Date(Date.now() + 500 * DAY))).map((d) => d.hostId)).toEqual([hostId]);
  });

  it("does not re-issue for names typed in another form", async () => {
    await updateHost(ctx, hostId, { ips: ["198.18.0.11"], names: ["HV1.lab"] });
    expect(await dueForRenewal(t.db, new Date())).toEqual([]);
  });

  it("scans deployed files and shows drift against what was issued", async () => {
    const material = await currentHostKeyMaterial(ctx, hostId);
    const ca = (await getActiveCa(t.db))!;
    const foreign = await generateCa({ commonName: "Foreign", now: new Date() });
    const conn = new FakeConnection()
      .addFile("/etc/pki/CA/cacert.pem", ca.certificatePem)
      .addFile("/etc/pki/libvirt/servercert.pem", material.server.certificatePem)
      .addFile("/etc/pki/libvirt/clientcert.pem", foreign.certificatePem)
      .addFile("/etc/pki/qemu/ca-cert.pem", "garbage");
    const entries = await scanHost(t.db, conn, hostId, new Date());
    const by = Object.fromEntries(entries.map((e) => [e.path, e.status]));
    expect(by).toEqual({
      "/etc/pki/CA/cacert.pem": "matches-issued",
      "/etc/pki/libvirt/servercert.pem": "matches-issued",
      "/etc/pki/libvirt/clientcert.pem": "differs-from-issued",
      "/etc/pki/qemu/ca-cert.pem": "unreadable",
      "/etc/pki/qemu/server-cert.pem": "missing",
      "/etc/pki/qemu/client-cert.pem": "missing",
    });
    expect((await listCertificates(t.db, new Date(), { source: "scanned" })).length).toBe(3);
    await scanHost(t.db, conn, hostId, new Date());
    expect((await listCertificates(t.db, new Date(), { source: "scanned" })).length).toBe(3);
  });

  it("revokes every certificate the host ever had, superseded ones too, into a signed CRL with a growing number", async () => {
    const before = await currentHostKeyMaterial(ctx, hostId);
    const r = await revokeHostCertificates(ctx, hostId, "keyCompromise");
    expect(r.revoked).toBe(4);
    expect(await t.db.certificate.count({ where: { hostId, source: "issued", revokedAt: null } })).toBe(0);
    expect(r.crlPem).toContain("BEGIN X509 CRL");
    expect(r.crlNumber).toBe(2);
    const text = execFileSync("openssl", ["crl", "-noout", "-text"], { input: r.crlPem }).toString();
    expect(text).toContain(`Serial Number: ${before.server.serial}`);
    expect(text).toContain(`Serial Number: ${before.client.serial}`);
    expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*\d+/);
    await expect(revokeHostCertificates(ctx, hostId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(currentHostKeyMaterial(ctx, hostId)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("exposes expiry as Prometheus metrics", async () => {
    await issueForHost(ctx, hostId);
    const text = await renderMetrics(t.db, new Date());
    expect(text).toMatch(/^virtshield_certificate_expiry_timestamp_seconds\{host="hv1",kind="server",source="issued",serial="[0-9A-F]+"\} \d{10}$/m);
    expect(text).toContain('virtshield_certificates_expiring{within="30d"} 0');
    expect(text).toContain('virtshield_host_key_pinned{host="hv1"} 0');
  });

  it("keeps no private key in clear anywhere in the SQLite file", async () => {
    const keys = await currentHostKeyMaterial(ctx, hostId);
    const body = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("").slice(40, 104);
    await t.db.$disconnect();
    const raw = [t.file, `${t.file}-wal`, `${t.file}-journal`].filter(fs.existsSync).map((f) => fs.readFileSync(f).toString("latin1")).join("");
    expect(raw).toContain("BEGIN CERTIFICATE");
    expect(raw).not.toContain("PRIVATE KEY");
    expect(raw).not.toContain(body(keys.server.privateKeyPem));
    expect(raw).not.toContain(body(keys.client.privateKeyPem));
  });
});

describe("a CA close to its own expiry", SLOW, () => {
  it("does not re-issue every day certificates that already end with the CA", async () => {
    const t4 = await createTestDb();
    const c4 = testContext(t4.db);
    const cl = await createCluster(c4, { name: "short" });
    const h = await createHost(c4, { name: "hv4", address: "198.18.0.14", clusterId: cl.id });
    const ca = await createCa(c4, { validityDays: 30 });
    const issued = await issueForHost(c4, h.id);
    expect(issued.server.notAfter).toBe(ca.notAfter);
    expect(await dueForRenewal(t4.db, new Date())).toEqual([]);
    await t4.cleanup();
  });
});

describe("bring your own CA and external mode", SLOW, () => {
  it("imports a valid CA, refuses garbage, and in external mode refuses to issue", async () => {
    const t2 = await createTestDb();
    const c2 = testContext(t2.db);
    const byo = await generateCa({ commonName: "Corp CA", now: new Date() });
    await expect(importExistingCa(c2, { certificatePem: "nope", privateKeyPem: byo.privateKeyPem })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(importExistingCa(c2, { certificatePem: byo.certificatePem, privateKeyPem: "x".repeat(70_000) })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await t2.db.certificateAuthority.count()).toBe(0);
    expect(await t2.db.auditLog.count({ where: { action: "ca.import", result: "refused" } })).toBe(1);
    expect((await importExistingCa(c2, byo)).mode).toBe("imported");
    await t2.cleanup();

    const t3 = await createTestDb();
    const c3 = testContext(t3.db);
    const cl = await createCluster(c3, { name: "x" });
    const h = await createHost(c3, { name: "hv2", address: "198.18.0.12", clusterId: cl.id });
    expect((await useExternalCa(c3, { certificatePem: byo.certificatePem })).mode).toBe("external");
    await expect(issueForHost(c3, h.id)).rejects.toThrow(/managed externally/);
    await t3.cleanup();
  });
});
