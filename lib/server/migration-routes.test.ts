// The migration routes through apiRoute over bearer tokens: the paged history with its evidence,
// and what is refused before any job runs (a viewer's POST, a bad body, the same host twice).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { createUser } from "@/lib/core/auth/users";
import { createApiToken } from "@/lib/core/auth/api-tokens";
import { finishMigrationRecord, startMigrationRecord } from "@/lib/core/migrate/migration-store";

let t: Awaited<ReturnType<typeof createTestDb>>;
let viewerToken = "";
let operatorToken = "";
let hostId = "";
let routes: typeof import("@/app/api/v1/migrations/route");

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = `file:${t.file}`;
  process.env.VIRTSHIELD_SECRET_KEY = crypto.randomBytes(32).toString("hex");
  const ctx = testContext(t.db);
  const admin = await createUser(ctx, { name: "root-admin", password: "plum orbit lantern cascade", role: "admin" });
  const asAdmin = { ...ctx, actor: { type: "user" as const, id: admin.id, name: admin.name, role: "admin" as const } };
  viewerToken = (await createApiToken(asAdmin, { name: "viewer-ci", role: "viewer" })).token;
  operatorToken = (await createApiToken(asAdmin, { name: "op-ci", role: "operator" })).token;
  const c = await t.db.cluster.create({ data: { name: "c" } });
  hostId = (await t.db.host.create({ data: { name: "hv1", address: "127.0.0.11", clusterId: c.id, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
  for (let i = 0; i < 3; i++) {
    const id = await startMigrationRecord(t.db, {
      jobId: `job${i}`, domain: `g${i}`, source: { id: hostId, name: "hv1" }, dest: { id: "gone", name: "hv2" }, transport: "unproven",
      flags: { live: true, p2p: true, tls: true, copyStorage: false, persistent: true, parallelConnections: null, migrateUri: null, destUri: "qemu+tls://hv2/system" },
      startedAt: new Date(Date.UTC(2026, 11, 1, 10, i)), createdBy: "alice",
    });
    await finishMigrationRecord(t.db, id, {
      outcome: "succeeded", transport: "tls", tlsEvidence: { tlsCreds: "objlibvirt_migrate_tls0", tlsHostname: "hv2", tlsAuthz: "", multifdChannels: 2, sampledAt: new Date().toISOString() },
      finishedAt: new Date(), durationMs: 2000, bytes: 1e8, avgSpeed: 5e7, peakSpeed: 6e7, downtimeMs: 40, error: null, explanation: null,
    });
  }
  routes = await import("@/app/api/v1/migrations/route");
});

afterAll(async () => {
  const { db } = await import("@/lib/server/db");
  await db().$disconnect();
  await t.cleanup();
});

function call(handler: (req: Request, c: { params: Promise<object> }) => Promise<Response>, token: string, method: string, opts: { body?: unknown; path?: string } = {}) {
  const req = new Request(`http://dash.test${opts.path ?? "/api/v1/migrations"}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve({}) });
}

describe("migration routes", () => {
  it("pages the history newest first with X-Total-Count, evidence included, for a viewer", async () => {
    const res = await call(routes.GET, viewerToken, "GET", { path: "/api/v1/migrations?limit=2" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("3");
    const rows = (await res.json()) as { domain: string; transport: string; tlsEvidence: { tlsCreds: string } }[];
    expect(rows.map((r) => r.domain)).toEqual(["g2", "g1"]);
    expect(rows[0]).toMatchObject({ transport: "tls", tlsEvidence: { tlsCreds: "objlibvirt_migrate_tls0" }, source: { id: hostId, name: "hv1" }, dest: { name: "hv2" } });
  });

  it("refuses a viewer's migration, a bad domain name and the same host twice before any job runs", async () => {
    expect((await call(routes.POST, viewerToken, "POST", { body: { domain: "g", sourceHostId: hostId, destHostId: hostId } })).status).toBe(403);
    const bad = await call(routes.POST, operatorToken, "POST", { body: { domain: "x; reboot", sourceHostId: hostId, destHostId: "h2" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.domain).toBeDefined();
    const same = await call(routes.POST, operatorToken, "POST", { body: { domain: "g", sourceHostId: hostId, destHostId: hostId } });
    expect(same.status).toBe(400);
    expect(await t.db.job.count()).toBe(0);
  });
});
