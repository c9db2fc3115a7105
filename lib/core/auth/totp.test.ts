// TOTP two-factor login (RFC 6238): enrol with a QR code and a first code, single-use codes and
// recovery codes, the password step alone gives no session, and an admin or the CLI can reset it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import type { Actor } from "./roles";
import { createUser } from "./users";
import { completeLogin, login, resolveSession } from "./sessions";
import { beginTotpEnrolment, confirmTotpEnrolment, disableOwnTotp, resetTotp, totpStatus } from "./totp";
import { mustEnrolTotp, updateAuthSettings } from "./auth-settings";

let t: Awaited<ReturnType<typeof createTestDb>>;
let clock = Date.parse("2026-12-01T10:00:00Z");
let system: CoreContext;
let bob: Actor;
let secret = "";
const PASSWORD = "saffron beacon tundra violin";
const code = (at = clock) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });
const password = (address = "192.0.2.30") => login(system, { name: "bob", password: PASSWORD, address, ttlHours: 1 });

beforeAll(async () => {
  t = await createTestDb();
  system = testContext(t.db, undefined, () => new Date(clock));
  const u = await createUser(system, { name: "bob", password: PASSWORD, role: "admin" });
  bob = { type: "user", id: u.id, name: "bob", role: "admin" };
});
afterAll(() => t.cleanup());

describe("TOTP", () => {
  let recovery: string[] = [];

  it("enrols with a server-rendered QR code and a first code; the secret is sealed and not shown again", async () => {
    const me = { ...system, actor: bob };
    const enrol = await beginTotpEnrolment(me);
    secret = enrol.secret;
    expect(enrol.otpauthUrl).toMatch(/^otpauth:\/\/totp\/virtshield:bob\?.*secret=/);
    expect(Buffer.from(enrol.qrDataUrl.replace("data:image/svg+xml;base64,", ""), "base64").toString()).toContain("<svg");
    const row = await t.db.user.findUniqueOrThrow({ where: { id: bob.id! } });
    expect(row.totpPendingEnc).not.toContain(secret);
    expect(system.secrets.open(row.totpPendingEnc!)).toBe(secret);
    // Not on yet: the password alone still logs in until the first code confirms.
    expect((await password()).kind).toBe("session");
    await expect(confirmTotpEnrolment(me, { code: "000000" === code() ? "111111" : "000000" })).rejects.toMatchObject({ code: "VALIDATION" });
    ({ recoveryCodes: recovery } = await confirmTotpEnrolment(me, { code: code() }));
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const stored = await t.db.recoveryCode.findMany({ where: { userId: bob.id! } });
    expect(stored.map((r) => r.codeHash).join()).not.toContain(recovery[0].replace("-", ""));
    expect(await totpStatus(t.db, bob.id!)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    await expect(beginTotpEnrolment(me)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("asks for the code after the password; a code works once", async () => {
    clock += 60_000;
    const first = await password();
    if (first.kind !== "totp") throw new Error("expected a TOTP challenge");
    expect(first).not.toHaveProperty("token");
    await expect(completeLogin(system, { challenge: first.challenge, code: "12345", address: "192.0.2.30", ttlHours: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const ok = await completeLogin(system, { challenge: first.challenge, code: code(), address: "192.0.2.30", ttlHours: 1 });
    expect((await resolveSession(t.db, ok.token, new Date(clock)))?.name).toBe("bob");
    // The challenge is spent, and the same code is refused on a new one (replay).
    await expect(completeLogin(system, { challenge: first.challenge, code: code(), address: "192.0.2.30", ttlHours: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const second = await password();
    if (second.kind !== "totp") throw new Error("expected a TOTP challenge");
    await expect(completeLogin(system, { challenge: second.challenge, code: code(), address: "192.0.2.30", ttlHours: 1 })).rejects.toThrow("Wrong code");
    clock += 30_000;
    expect((await completeLogin(system, { challenge: second.challenge, code: code(), address: "192.0.2.30", ttlHours: 1 })).actor.name).toBe("bob");
  });

  it("gives a challenge five tries, then it is gone", async () => {
    clock += 30_000;
    const c = await password();
    if (c.kind !== "totp") throw new Error("expected a TOTP challenge");
    const wrong = code(clock + 10 * 60_000) === code() ? "000000" : code(clock + 10 * 60_000);
    for (let i = 0; i < 5; i++) await expect(completeLogin(system, { challenge: c.challenge, code: wrong, address: "192.0.2.30", ttlHours: 1 })).rejects.toThrow("Wrong code");
    await expect(completeLogin(system, { challenge: c.challenge, code: code(), address: "192.0.2.30", ttlHours: 1 })).rejects.toThrow(/expired/);
  });

  it("accepts each recovery code once", async () => {
    const c = await password("192.0.2.31");
    if (c.kind !== "totp") throw new Error("expected a TOTP challenge");
    await completeLogin(system, { challenge: c.challenge, code: recovery[3].toUpperCase(), address: "192.0.2.31", ttlHours: 1 });
    const again = await password("192.0.2.31");
    if (again.kind !== "totp") throw new Error("expected a TOTP challenge");
    await expect(completeLogin(system, { challenge: again.challenge, code: recovery[3], address: "192.0.2.31", ttlHours: 1 })).rejects.toThrow("Wrong code");
    expect((await totpStatus(t.db, bob.id!)).recoveryCodesLeft).toBe(9);
  });

  it("sends an admin without TOTP to enrol when the setting requires it", async () => {
    const admin = { ...system, actor: bob };
    await updateAuthSettings(admin, { requireAdminTotp: true });
    expect(await mustEnrolTotp(t.db, bob)).toBe(false);
    const other = await createUser(admin, { name: "carol", password: "marble falcon ember quilt", role: "admin" });
    const carol = { ...system, actor: { type: "user" as const, id: other.id, name: "carol", role: "admin" as const } };
    // Carol has no second factor: she may not require one (she would be sent to enrol mid-change).
    await expect(updateAuthSettings(carol, { requireAdminTotp: true })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await mustEnrolTotp(t.db, { type: "user", id: other.id, name: "carol", role: "admin" })).toBe(true);
    expect(await mustEnrolTotp(t.db, { type: "user", id: other.id, name: "carol", role: "operator" })).toBe(false);
    await expect(updateAuthSettings({ ...system, actor: { ...bob, role: "operator" } }, { requireAdminTotp: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("turns off with the password, and an admin (or the CLI) can reset it", async () => {
    const me = { ...system, actor: bob };
    await expect(disableOwnTotp(me, { password: "not my password" })).rejects.toMatchObject({ code: "VALIDATION" });
    await resetTotp(system, bob.id!);
    expect(await totpStatus(t.db, bob.id!)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await password("192.0.2.32")).kind).toBe("session");
    expect(await t.db.auditLog.count({ where: { action: "user.totp-reset", targetId: bob.id! } })).toBe(1);
    await expect(resetTotp({ ...system, actor: { ...bob, role: "operator" } }, bob.id!)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
