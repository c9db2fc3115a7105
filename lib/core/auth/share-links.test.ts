import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { hashToken } from "./opaque-token";
import { createShareLink, listShareLinks, resolveShareLink, revokeShareLink, shareLinkStatus } from "./share-links";
import type { Actor } from "./roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const ADMIN: Actor = { type: "user", id: "u1", name: "alice", role: "admin" };
const OPERATOR: Actor = { type: "user", id: "u2", name: "oscar", role: "operator" };
const DAY = 86_400_000;

let t: Awaited<ReturnType<typeof createTestDb>>;
let db: PrismaClient;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.cleanup());

describe("share links", () => {
  it("creates a link that resolves, storing only the key's hash, and audits it", async () => {
    const now = new Date("2026-12-02T08:00:00Z");
    const link = await createShareLink(testContext(db, ADMIN, () => now), { name: "NOC screen" });
    expect(link.key).toMatch(/^vsw_[A-Za-z0-9_-]{43}$/);
    expect(new Date(link.expiresAt).getTime() - now.getTime()).toBe(30 * DAY);
    const row = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(hashToken(link.key));
    expect(JSON.stringify(row)).not.toContain(link.key);
    expect((await resolveShareLink(db, link.key, now))?.id).toBe(link.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "share-link.create", targetId: link.id } });
    expect(audit.actorName).toBe("alice");
    expect(audit.detail).not.toContain(link.key);
    expect((await listShareLinks(db)).map((l) => l.id)).toContain(link.id);
    expect(JSON.stringify(await listShareLinks(db))).not.toContain(row.tokenHash);
  });

  it("refuses an expired key, and lets an admin choose the lifetime up to a year", async () => {
    const now = new Date("2026-12-02T08:00:00Z");
    const ctx = testContext(db, ADMIN, () => now);
    const link = await createShareLink(ctx, { name: "short", expiresInDays: 2 });
    expect(await resolveShareLink(db, link.key, new Date(now.getTime() + DAY))).not.toBeNull();
    expect(await resolveShareLink(db, link.key, new Date(now.getTime() + 2 * DAY))).toBeNull();
    expect(shareLinkStatus(link, new Date(now.getTime() + 3 * DAY))).toBe("expired");
    await expect(createShareLink(ctx, { name: "too long", expiresInDays: 366 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createShareLink(ctx, { name: "zero", expiresInDays: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createShareLink(ctx, { name: "<script>" })).rejects.toMatchObject({ code: "VALIDATION" });
    const year = await createShareLink(ctx, { name: "year", expiresInDays: 365 });
    expect(new Date(year.expiresAt).getTime() - now.getTime()).toBe(365 * DAY);
  });

  it("refuses a revoked key, audits the revocation, and revokes only once", async () => {
    const ctx = testContext(db, ADMIN);
    const link = await createShareLink(ctx, { name: "to revoke" });
    await revokeShareLink(ctx, link.id);
    expect(await resolveShareLink(db, link.key, new Date())).toBeNull();
    expect(shareLinkStatus((await listShareLinks(db)).find((l) => l.id === link.id)!, new Date())).toBe("revoked");
    expect(await db.auditLog.count({ where: { action: "share-link.revoke", targetId: link.id } })).toBe(1);
    await expect(revokeShareLink(ctx, link.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeShareLink(ctx, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses unknown, malformed and empty keys", async () => {
    const now = new Date();
    const link = await createShareLink(testContext(db, ADMIN), { name: "real" });
    const forged = `vsw_${"A".repeat(43)}`;
    for (const key of [forged, link.key.slice(0, -1), `${link.key}x`, link.key.replace("vsw_", "vst_"), "", undefined, null, hashToken(link.key)]) {
      expect(await resolveShareLink(db, key, now)).toBeNull();
    }
  });

  it("is an admin's verb only", async () => {
    const ctx = testContext(db, OPERATOR);
    await expect(createShareLink(ctx, { name: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const link = await createShareLink(testContext(db, ADMIN), { name: "kept" });
    await expect(revokeShareLink(ctx, link.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await resolveShareLink(db, link.key, new Date())).not.toBeNull();
  });
});
