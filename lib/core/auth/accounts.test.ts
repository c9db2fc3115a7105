// Accounts an admin can manage: disable/enable, role, password reset and change, sessions with an
// idle timeout, tokens with expiry and last use, and a password policy with clear messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import type { Actor } from "./roles";
import { createUser, listUsers } from "./users";
import { changeOwnPassword, resetUserPassword, updateUser } from "./manage-users";
import { endSession, listSessions, login, resolveSession, resolveSessionDetail } from "./sessions";
import { createApiToken, listApiTokens, resolveApiToken } from "./api-tokens";
import { passwordProblem } from "./password-policy";

let t: Awaited<ReturnType<typeof createTestDb>>;
let clock = Date.parse("2026-12-01T10:00:00Z");
let system: CoreContext;
const now = () => new Date(clock);
const as = (actor: Actor): CoreContext => ({ ...system, actor });
let admin: Actor;
let ops: Actor;

async function session(name: string, password: string, address = "192.0.2.10") {
  const r = await login(system, { name, password, address, ttlHours: 12 });
  if (r.kind !== "session") throw new Error("expected a session");
  return r;
}

beforeAll(async () => {
  t = await createTestDb();
  system = testContext(t.db, undefined, now);
  const a = await createUser(system, { name: "alice", password: "plum orbit lantern cascade", role: "admin" });
  const o = await createUser(system, { name: "oscar", password: "velvet quarry mosaic drift", role: "operator" });
  admin = { type: "user", id: a.id, name: a.name, role: "admin" };
  ops = { type: "user", id: o.id, name: o.name, role: "operator" };
});
afterAll(() => t.cleanup());

describe("password policy", () => {
  it.each([
    ["            ", /only spaces/],
    ["abcdefgh\u0000ijklmnop", /control characters/],
    ["tab\there-and-long-enough", /control characters/],
    ["password1234", /too easy to guess/],
    ["Password123!", /too easy to guess/],
    ["qwertyuiop123", /too easy to guess/],
    ["short", /at least 12/],
  ])("refuses %j", (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("refuses a weak password when creating a user, with the reason on the field", async () => {
    await expect(createUser(system, { name: "weak", password: "password1234", role: "viewer" })).rejects.toMatchObject({
      code: "VALIDATION", fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] },
    });
    await expect(createUser(system, { name: "blank", password: " ".repeat(20), role: "viewer" })).rejects.toMatchObject({
      fieldErrors: { password: ["must not be only spaces"] },
    });
    expect(passwordProblem("plum orbit lantern cascade")).toBeNull();
  });
});

describe("users", () => {
  it("disabling a user ends their sessions and tokens at once; enabling lets them log in again", async () => {
    const s = await session("oscar", "velvet quarry mosaic drift");
    const tmp = await createUser(as(admin), { name: "tokadmin", password: "hollow meadow cipher kettle", role: "admin" });
    const tokenAdmin: Actor = { type: "user", id: tmp.id, name: tmp.name, role: "admin" };
    const token = await createApiToken(as(tokenAdmin), { name: "ci", role: "viewer" });
    expect(await resolveApiToken(t.db, token.token, now())).not.toBeNull();

    await updateUser(as(admin), ops.id!, { disabled: true });
    expect(await resolveSession(t.db, s.token, now())).toBeNull();
    await updateUser(as(admin), tmp.id, { disabled: true });
    expect(await resolveApiToken(t.db, token.token, now())).toBeNull();
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    await expect(login(system, { name: "oscar", password: "velvet quarry mosaic drift", address: "192.0.2.11", ttlHours: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });

    await updateUser(as(admin), ops.id!, { disabled: false });
    expect((await session("oscar", "velvet quarry mosaic drift", "192.0.2.12")).actor.name).toBe("oscar");
    expect((await listUsers(t.db)).find((u) => u.name === "oscar")).toMatchObject({ disabled: false, role: "operator", totpEnabled: false });
  });

  it("changes roles, but never leaves the product without an enabled admin", async () => {
    await updateUser(as(admin), ops.id!, { role: "viewer" });
    expect((await session("oscar", "velvet quarry mosaic drift", "192.0.2.13")).actor.role).toBe("viewer");
    await updateUser(as(admin), ops.id!, { role: "operator" });
    await expect(updateUser(as(admin), admin.id!, { role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateUser(as(admin), admin.id!, { disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateUser(as(ops), admin.id!, { disabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateUser(as(admin), ops.id!, { role: "root" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("lets an admin reset a password (ending the user's sessions), with the policy applied", async () => {
    const s = await session("oscar", "velvet quarry mosaic drift", "192.0.2.14");
    await expect(resetUserPassword(as(admin), ops.id!, { password: "letmein12345" })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/too easy to guess/) });
    await resetUserPassword(as(admin), ops.id!, { password: "granite willow sonnet fable" });
    expect(await resolveSession(t.db, s.token, now())).toBeNull();
    expect((await session("oscar", "granite willow sonnet fable", "192.0.2.15")).actor.name).toBe("oscar");
    await expect(resetUserPassword(as(ops), admin.id!, { password: "granite willow sonnet fable" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("changes one's own password only with the current one, keeping the session in use", async () => {
    const here = await session("oscar", "granite willow sonnet fable", "192.0.2.16");
    const elsewhere = await session("oscar", "granite willow sonnet fable", "192.0.2.17");
    const current = await resolveSessionDetail(t.db, here.token, now());
    await expect(changeOwnPassword(as(ops), { currentPassword: "not it at all", newPassword: "copper lagoon thistle anchor" })).rejects.toMatchObject({
      code: "VALIDATION", fieldErrors: { currentPassword: ["wrong password"] },
    });
    await expect(changeOwnPassword(as(ops), { currentPassword: "granite willow sonnet fable", newPassword: "\n\n\n\n\n\n\n\n\n\n\n\n" })).rejects.toMatchObject({ code: "VALIDATION" });
    await changeOwnPassword(as(ops), { currentPassword: "granite willow sonnet fable", newPassword: "copper lagoon thistle anchor" }, current!.sessionId);
    expect(await resolveSession(t.db, here.token, now())).not.toBeNull();
    expect(await resolveSession(t.db, elsewhere.token, now())).toBeNull();
  });
});

describe("sessions", () => {
  it("lists one's own sessions, all of them for an admin, and ends them", async () => {
    const mine = await session("oscar", "copper lagoon thistle anchor", "192.0.2.20");
    await session("alice", "plum orbit lantern cascade", "192.0.2.21");
    const own = await listSessions(as(ops));
    expect(own.every((s) => s.userName === "oscar")).toBe(true);
    expect(own.map((s) => s.address)).toContain("192.0.2.20");
    const all = await listSessions(as(admin), { all: true });
    expect(new Set(all.map((s) => s.userName))).toEqual(new Set(["oscar", "alice"]));
    expect((await listSessions(as(ops), { all: true })).every((s) => s.userName === "oscar")).toBe(true);

    const alices = all.find((s) => s.userName === "alice")!;
    await expect(endSession(as(ops), alices.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const target = (await resolveSessionDetail(t.db, mine.token, now()))!.sessionId;
    await endSession(as(ops), target);
    expect(await resolveSession(t.db, mine.token, now())).toBeNull();
    await endSession(as(admin), alices.id);
    expect((await listSessions(as(admin), { all: true })).find((s) => s.id === alices.id)).toBeUndefined();
  });

  it("ends a session left idle longer than the timeout, and notes use at most once a minute", async () => {
    const s = await session("alice", "plum orbit lantern cascade", "192.0.2.22");
    const id = (await resolveSessionDetail(t.db, s.token, now()))!.sessionId;
    const seen = async () => (await t.db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
    const start = await seen();
    clock += 30_000;
    await resolveSession(t.db, s.token, now(), { idleMinutes: 10 });
    expect(await seen()).toBe(start);
    clock += 9 * 60_000;
    expect(await resolveSession(t.db, s.token, now(), { idleMinutes: 10 })).not.toBeNull();
    expect(await seen()).toBe(clock);
    clock += 11 * 60_000;
    expect(await resolveSession(t.db, s.token, now(), { idleMinutes: 10 })).toBeNull();
    clock -= 5 * 60_000;
    // Once ended for idleness it stays ended, even if the clock would now allow it.
    expect(await resolveSession(t.db, s.token, now(), { idleMinutes: 10 })).toBeNull();
  });
});

describe("tokens", () => {
  it("refuses an expired token, and shows expiry and last use in the list", async () => {
    const tok = await createApiToken(as(admin), { name: "short-lived", role: "viewer", expiresInDays: 1 });
    expect(tok.expiresAt).toBe(new Date(clock + 86_400_000).toISOString());
    expect(await resolveApiToken(t.db, tok.token, now())).not.toBeNull();
    const listed = (await listApiTokens(t.db)).find((x) => x.id === tok.id)!;
    expect(listed).toMatchObject({ lastUsedAt: new Date(clock).toISOString(), expiresAt: tok.expiresAt, createdBy: "alice" });
    expect(await resolveApiToken(t.db, tok.token, new Date(clock + 86_400_001))).toBeNull();
    await expect(createApiToken(as(admin), { name: "bad", role: "viewer", expiresInDays: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
