import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { createUser, ensureFirstAdmin } from "./users";
import { login as loginAny, logout, resolveSession } from "./sessions";
import { createApiToken, resolveApiToken, revokeApiToken } from "./api-tokens";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// These users have no second factor: login answers with a session straight away.
async function login(ctx: Parameters<typeof loginAny>[0], input: { name: string; password: string; ttlHours: number }) {
  const r = await loginAny(ctx, { ...input, address: "192.0.2.1" });
  if (r.kind !== "session") throw new Error("expected a session");
  return r;
}

let t: Awaited<ReturnType<typeof createTestDb>>;
let db: PrismaClient;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.cleanup());

describe("users, sessions and tokens", () => {
  it("creates the first admin once, with a generated password that works", async () => {
    const ctx = testContext(db);
    const first = await ensureFirstAdmin(ctx, { name: "admin" });
    expect(first.created).toBe(true);
    if (!first.created || !first.generatedPassword) throw new Error("expected a generated password");
    expect((await ensureFirstAdmin(ctx, { name: "admin" })).created).toBe(false);
    const stored = await db.user.findUniqueOrThrow({ where: { name: "admin" } });
    expect(stored.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(stored.passwordHash).not.toContain(first.generatedPassword);
    const s = await login(ctx, { name: "admin", password: first.generatedPassword, ttlHours: 1 });
    expect((await resolveSession(db, s.token, new Date()))?.role).toBe("admin");
  });

  it("refuses a wrong password and records the refusal", async () => {
    const ctx = testContext(db);
    await createUser(ctx, { name: "olga", password: "correct horse battery", role: "operator" });
    await expect(login(ctx, { name: "olga", password: "wrong password!!", ttlHours: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(login(ctx, { name: "nobody", password: "wrong password!!", ttlHours: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const refused = await db.auditLog.findMany({ where: { action: "session.login", result: "refused" } });
    expect(refused.length).toBe(2);
    expect(refused.map((r) => r.detail).join()).not.toContain("wrong password");
  });

  it("expires and revokes sessions", async () => {
    const ctx = testContext(db);
    const s = await login(ctx, { name: "olga", password: "correct horse battery", ttlHours: 1 });
    expect(await resolveSession(db, s.token, new Date(Date.now() + 2 * 3600_000))).toBeNull();
    expect((await resolveSession(db, s.token, new Date()))?.name).toBe("olga");
    await logout(db, s.token, new Date());
    expect(await resolveSession(db, s.token, new Date())).toBeNull();
    expect(await resolveSession(db, "vss_forged", new Date())).toBeNull();
  });

  it("rejects duplicate and invalid users", async () => {
    const ctx = testContext(db);
    await expect(createUser(ctx, { name: "olga", password: "another long password", role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createUser(ctx, { name: "x;rm -rf /", password: "another long password", role: "viewer" })).rejects.toThrow();
    await expect(createUser(ctx, { name: "short", password: "short", role: "viewer" })).rejects.toThrow();
  });

  it("issues role-bound API tokens stored only as hashes, and revokes them", async () => {
    const ctx = testContext(db);
    const { token, id } = await createApiToken(ctx, { name: "ci", role: "viewer" });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect((await resolveApiToken(db, token, new Date()))?.role).toBe("viewer");
    await revokeApiToken(ctx, id);
    expect(await resolveApiToken(db, token, new Date())).toBeNull();
  });

  it("lets only admins mint tokens", async () => {
    const ctx = testContext(db, { type: "user", id: "x", name: "op", role: "operator" });
    await expect(createApiToken(ctx, { name: "x", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
