// Certificates and revocations outlive their host: a deleted host's revoked serial stays on every
// later CRL, and deleting a host revokes what it still held (issue 8).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost, deleteHost } from "@/lib/core/inventory/hosts";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { createCa } from "./authority";
import { getActiveCa } from "./active-ca";
import { currentCrl } from "./crl";
import { issueForHost, type IssuedPair } from "./issue-for-host";
import { revokeHostCertificates } from "./revoke";
import { listCertificates } from "./certificate-rows";
import { scanHost } from "./scan-host";

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let clusterId: string;
// RSA key generation on a busy 2-core machine: seconds per key, not a hang.
const SLOW = { timeout: 30_000 };
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-crl-"));

// Parsed and signature-checked by openssl, not by our own DER walker.
function crlText(crlPem: string, caPem: string): string {
  fs.writeFileSync(path.join(scratch, "ca.pem"), caPem);
  fs.writeFileSync(path.join(scratch, "crl.pem"), crlPem);
  const r = spawnSync("openssl", ["crl", "-in", path.join(scratch, "crl.pem"), "-CAfile", path.join(scratch, "ca.pem"), "-noout", "-text"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toContain("verify OK");
  return r.stdout;
}

const serialsOf = (pair: IssuedPair) => [pair.server.serial, pair.client.serial];

async function hostWithCertificates(name: string, address: string) {
  const host = await createHost(ctx, { name, address, clusterId });
  return { host, pair: await issueForHost(ctx, host.id) };
}

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  clusterId = (await createCluster(ctx, { name: "prod" })).id;
  await createCa(ctx, { commonName: "Deletion CA", validityDays: 3650, keyBits: 2048 });
}, 30_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("a deleted host's revocations", SLOW, () => {
  it("stay on the CRL published by a later revocation of another host", async () => {
    const a = await hostWithCertificates("hv-a", "198.18.0.51");
    const b = await hostWithCertificates("hv-b", "198.18.0.52");
    await revokeHostCertificates(ctx, a.host.id, "keyCompromise");
    await deleteHost(ctx, a.host.id);
    const later = await revokeHostCertificates(ctx, b.host.id, "keyCompromise");

    const published = await currentCrl(t.db);
    expect(published).toBe(later.crlPem);
    const text = crlText(published, (await getActiveCa(t.db))!.certificatePem);
    for (const serial of [...serialsOf(a.pair), ...serialsOf(b.pair)]) expect(text).toContain(`Serial Number: ${serial}`);
    expect(text).toMatch(new RegExp(`X509v3 CRL Number:\\s*\\n\\s*${later.crlNumber}\\b`));

    // The rows are kept with the host's name as it was.
    const kept = await t.db.certificate.findMany({ where: { serial: { in: serialsOf(a.pair) } } });
    expect(kept.map((c) => [c.hostId, c.hostName, c.revocationReason])).toEqual([[null, "hv-a", "keyCompromise"], [null, "hv-a", "keyCompromise"]]);
    const history = await listCertificates(t.db, new Date(), { includeHistory: true, hostText: "hv-a" });
    expect(history.map((c) => c.hostName)).toEqual(["hv-a (deleted)", "hv-a (deleted)"]);
  });

  it("are made on delete: a host's still-valid certificates are revoked, audited, and published", async () => {
    const c = await hostWithCertificates("hv-c", "198.18.0.53");
    const [server] = await listCertificates(t.db, new Date(), { hostId: c.host.id, kind: "server" });
    await scanHost(t.db, new FakeConnection().addFile("/etc/pki/libvirt/servercert.pem", server.certificatePem), c.host.id, new Date());
    const before = (await getActiveCa(t.db))!.crlNumber;

    await deleteHost(ctx, c.host.id);

    const rows = await t.db.certificate.findMany({ where: { hostName: "hv-c" } });
    expect(rows.filter((r) => r.source === "issued").map((r) => r.revocationReason)).toEqual(["cessationOfOperation", "cessationOfOperation"]);
    expect(rows.filter((r) => r.source === "scanned")).toHaveLength(1);
    expect(rows.every((r) => r.hostId === null && !r.current)).toBe(true);
    const ca = (await getActiveCa(t.db))!;
    expect(ca.crlNumber).toBe(before + 1);
    const text = crlText(await currentCrl(t.db), ca.certificatePem);
    for (const serial of serialsOf(c.pair)) expect(text).toContain(`Serial Number: ${serial}`);
    const audit = async (action: string) => JSON.parse((await t.db.auditLog.findFirstOrThrow({ where: { targetId: c.host.id, action } })).detail);
    expect(await audit("certificate.revoke")).toMatchObject({ count: 2, reason: "cessationOfOperation", cause: "host.delete", crlNumber: ca.crlNumber });
    expect(await audit("host.delete")).toMatchObject({ name: "hv-c", certificatesRevoked: 2 });
    // Nothing of a deleted host counts as current: not in the fleet list, not in the metrics.
    expect(await listCertificates(t.db, new Date(), { hostText: "hv-c" })).toEqual([]);
  });

  it("publishes no new CRL when the host held nothing to revoke", async () => {
    const d = await createHost(ctx, { name: "hv-d", address: "198.18.0.54", clusterId });
    const before = (await getActiveCa(t.db))!.crlNumber;
    await deleteHost(ctx, d.id);
    expect((await getActiveCa(t.db))!.crlNumber).toBe(before);
    expect(await t.db.auditLog.count({ where: { targetId: d.id, action: "certificate.revoke" } })).toBe(0);
  });
});
