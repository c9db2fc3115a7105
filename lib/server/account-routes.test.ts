// The account routes over bearer tokens, through apiRoute, against a throwaway database:
// token list/revoke/expiry, user disable/role/password reset, sessions, two-factor reset.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { createUser } from "@/lib/core/auth/users";
import { createApiToken } from "@/lib/core/auth/api-tokens";
import { login } from "@/lib/core/auth/sessions";

let t: Awaited<ReturnType<typeof createTestDb>>;
let adminToken = "";
let viewerToken = "";
let opId = "";
let routes: {
  tokens: typeof import("@/app/api/v1/tokens/route");
  tokenId: typeof import("@/app/api/v1/tokens/[id]/route");
  userId: typeof import("@/app/api/v1/users/[id]/route");
  users: typeof import("@/app/api/v1/users/route");
  password: typeof import("@/app/api/v1/users/[id]/password/route");
  totp: typeof import("@/app/api/v1/users/[id]/totp/route");
  sessions: typeof import("@/app/api/v1/sessions/route");
};

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = `file:${t.file}`;
  process.env.VIRTSHIELD_SECRET_KEY = crypto.randomBytes(32).toString("hex");
  const ctx = testContext(t.db);
  const admin = await createUser(ctx, { name: "root-admin", password: "plum orbit lantern cascade", role: "admin" });
  opId = (await createUser(ctx, { name: "op", password: "velvet quarry mosaic drift", role: "operator" })).id;
  const asAdmin = { ...ctx, actor: { type: "user" as const, id: admin.id, name: admin.name, role: "admin" as const } };
  adminToken = (await createApiToken(asAdmin, { name: "admin-ci", role: "admin" })).token;
  viewerToken = (await createApiToken(asAdmin, { name: "viewer-ci", role: "viewer", expiresInDays: 1 })).token;
  routes = {
    tokens: await import("@/app/api/v1/tokens/route"),
    tokenId: await import("@/app/api/v1/tokens/[id]/route"),
    userId: await import("@/app/api/v1/users/[id]/route"),
    users: await import("@/app/api/v1/users/route"),
    password: await import("@/app/api/v1/users/[id]/password/route"),
    totp: await import("@/app/api/v1/users/[id]/totp/route"),
    sessions: await import("@/app/api/v1/sessions/route"),
  };
});
afterAll(async () => {
  const { db } = await import("@/lib/server/db");
  await db().$disconnect();
  await t.cleanup();
});

function call(handler: (req: Request, c: { params: Promise<object> }) => Promise<Response>, token: string, method: string, opts: { body?: unknown; params?: object; path?: string } = {}) {
  const req = new Request(`http://dash.test${opts.path ?? "/api/v1/x"}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

describe("account routes", () => {
  it("lists tokens with expiry and last use, and revokes one with DELETE /api/v1/tokens/{id}", async () => {
    const r0 = await call(routes.users.GET, viewerToken, "GET");
    expect(r0.status).toBe(403);
    const list = (await (await call(routes.tokens.GET, adminToken, "GET")).json()) as { id: string; name: string; expiresAt: string | null; lastUsedAt: string | null }[];
    const viewer = list.find((x) => x.name === "viewer-ci")!;
    expect(viewer.expiresAt).not.toBeNull();
    expect(list.find((x) => x.name === "admin-ci")?.lastUsedAt).not.toBeNull();
    expect((await call(routes.tokenId.DELETE, adminToken, "DELETE", { params: { id: viewer.id } })).status).toBe(204);
    expect((await call(routes.users.GET, viewerToken, "GET")).status).toBe(401);
    const again = await call(routes.tokenId.DELETE, adminToken, "DELETE", { params: { id: viewer.id } });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such active token" } });
  });

  it("creates tokens with an expiry, and refuses a bad one in the error shape", async () => {
    const ok = await call(routes.tokens.POST, adminToken, "POST", { body: { name: "week", role: "viewer", expiresInDays: 7 } });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { expiresAt: string }).expiresAt).toMatch(/^\d{4}-/);
    const bad = await call(routes.tokens.POST, adminToken, "POST", { body: { name: "never", role: "viewer", expiresInDays: -1 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION", fields: { expiresInDays: [expect.any(String)] } } });
  });

  it("disables, re-enables and re-roles a user; disabling ends their sessions", async () => {
    const s = await login(testContext(t.db), { name: "op", password: "velvet quarry mosaic drift", address: "192.0.2.50", ttlHours: 1 });
    expect(s.kind).toBe("session");
    const off = await call(routes.userId.PATCH, adminToken, "PATCH", { params: { id: opId }, body: { disabled: true } });
    expect(await off.json()).toEqual({ id: opId, role: "operator", disabled: true });
    expect(await t.db.session.count({ where: { userId: opId, revokedAt: null } })).toBe(0);
    const on = await call(routes.userId.PATCH, adminToken, "PATCH", { params: { id: opId }, body: { disabled: false, role: "viewer" } });
    expect(await on.json()).toEqual({ id: opId, role: "viewer", disabled: false });
    const unknownField = await call(routes.userId.PATCH, adminToken, "PATCH", { params: { id: opId }, body: { passwordHash: "x" } });
    expect(unknownField.status).toBe(400);
  });

  it("resets a password with the policy applied, and a user's two-factor login", async () => {
    const weak = await call(routes.password.PUT, adminToken, "PUT", { params: { id: opId }, body: { password: "password1234" } });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { message: string } }).error.message).toMatch(/too easy to guess/);
    const ok = await call(routes.password.PUT, adminToken, "PUT", { params: { id: opId }, body: { password: "granite willow sonnet fable" } });
    expect(ok.status).toBe(204);
    expect((await call(routes.totp.DELETE, adminToken, "DELETE", { params: { id: opId } })).status).toBe(204);
    expect(await t.db.auditLog.count({ where: { action: "user.totp-reset", targetId: opId } })).toBe(1);
    const weakUser = await call(routes.users.POST, adminToken, "POST", { body: { name: "newbie", password: "qwertyuiop123", role: "viewer" } });
    expect(await weakUser.json()).toMatchObject({ error: { code: "VALIDATION", fields: { password: [expect.stringMatching(/too easy/)] } } });
  });

  it("lists sessions: a token has none of its own; an admin token sees all with all=1", async () => {
    await login(testContext(t.db), { name: "op", password: "granite willow sonnet fable", address: "192.0.2.51", ttlHours: 1 });
    const own = await call(routes.sessions.GET, adminToken, "GET", { path: "/api/v1/sessions" });
    expect(await own.json()).toEqual([]);
    const all = (await (await call(routes.sessions.GET, adminToken, "GET", { path: "/api/v1/sessions?all=1" })).json()) as { userName: string; address: string }[];
    expect(all).toEqual([expect.objectContaining({ userName: "op", address: "192.0.2.51" })]);
  });

  it("records anonymous refusals, but at most 30 a minute per address", async () => {
    const before = await t.db.auditLog.count({ where: { actorName: "anonymous" } });
    for (let i = 0; i < 40; i++) expect((await call(routes.tokens.POST, "vst_forged0000000000", "POST", { body: {} })).status).toBe(401);
    expect((await t.db.auditLog.count({ where: { actorName: "anonymous" } })) - before).toBe(30);
  });
});
