import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiPost, createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

// Issue 8: certificates and revocations outlive their host. A deleted host's revoked serials stay
// on the CRL that the next revocation publishes, and deleting a host revokes what it still held.
test.describe.configure({ mode: "serial" });

const ORIGIN = { origin: E2E.baseURL };
type Pair = { server: { serial: string }; client: { serial: string } };
type Revoked = { revoked: number; crlNumber: number };

// certificates.spec.ts creates the CA through the UI; this spec also runs on its own.
async function caPem(request: APIRequestContext): Promise<string> {
  let res = await request.get("/api/v1/ca");
  if (res.status() === 404) {
    await apiPost(request, "/api/v1/ca", { commonName: "E2E CRL CA" });
    res = await request.get("/api/v1/ca");
  }
  expect(res.status()).toBe(200);
  return ((await res.json()) as { certificatePem: string }).certificatePem;
}

async function revoke(request: APIRequestContext, hostId: string, reason: string): Promise<Revoked> {
  const res = await request.post(`/api/v1/hosts/${hostId}/certificates/revoke`, { data: { reason }, headers: ORIGIN });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Revoked;
}

async function deleteHost(request: APIRequestContext, hostId: string) {
  const res = await request.delete(`/api/v1/hosts/${hostId}`, { headers: ORIGIN });
  expect(res.status(), await res.text()).toBe(204);
}

// The CRL as the fleet downloads it, checked against the CA and read by openssl (not by our code).
async function publishedCrl(request: APIRequestContext, ca: string): Promise<string> {
  const res = await request.get("/api/v1/ca/crl");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/pkix-crl");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-e2e-crl-"));
  try {
    fs.writeFileSync(path.join(dir, "ca.pem"), ca);
    fs.writeFileSync(path.join(dir, "crl.pem"), await res.text());
    const r = spawnSync("openssl", ["crl", "-in", path.join(dir, "crl.pem"), "-CAfile", path.join(dir, "ca.pem"), "-noout", "-text"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("verify OK");
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const serials = (p: Pair) => [p.server.serial, p.client.serial];
const crlNumber = (text: string) => Number(/X509v3 CRL Number:\s*\n\s*(\d+)/.exec(text)?.[1]);

test("a deleted host's revoked serials stay on the CRL published by a later revocation", async ({ request }) => {
  const ca = await caPem(request);
  const cluster = await createCluster(request, "crl-cl");
  const a = await createHost(request, { name: "crl-a", address: "198.18.0.241", clusterId: cluster.id });
  const b = await createHost(request, { name: "crl-b", address: "198.18.0.242", clusterId: cluster.id });
  const pairA = await apiPost<Pair>(request, `/api/v1/hosts/${a.id}/certificates`, {});
  const pairB = await apiPost<Pair>(request, `/api/v1/hosts/${b.id}/certificates`, {});

  const first = await revoke(request, a.id, "keyCompromise");
  expect(first.revoked).toBe(2);
  await deleteHost(request, a.id);
  expect((await request.get(`/api/v1/hosts/${a.id}`)).status()).toBe(404);

  const second = await revoke(request, b.id, "keyCompromise");
  expect(second.crlNumber).toBeGreaterThan(first.crlNumber);

  const text = await publishedCrl(request, ca);
  expect(crlNumber(text)).toBe(second.crlNumber);
  for (const serial of [...serials(pairA), ...serials(pairB)]) expect(text).toContain(`Serial Number: ${serial}`);
});

test("deleting a host revokes the certificates it still held and publishes them", async ({ request }) => {
  const ca = await caPem(request);
  const cluster = await createCluster(request, "crl-cl-2");
  const c = await createHost(request, { name: "crl-c", address: "198.18.0.243", clusterId: cluster.id });
  const pair = await apiPost<Pair>(request, `/api/v1/hosts/${c.id}/certificates`, {});
  const before = crlNumber(await publishedCrl(request, ca));

  await deleteHost(request, c.id);

  const text = await publishedCrl(request, ca);
  expect(crlNumber(text)).toBe(before + 1);
  for (const serial of serials(pair)) expect(text).toContain(`Serial Number: ${serial}`);
  const audit = await request.get("/api/v1/audit-log?action=certificate.revoke");
  expect(audit.status()).toBe(200);
  const entry = ((await audit.json()) as { target: { id: string | null }; detail: Record<string, unknown> }[]).find((e) => e.target.id === c.id);
  expect(entry?.detail).toMatchObject({ count: 2, reason: "cessationOfOperation", cause: "host.delete" });
});
