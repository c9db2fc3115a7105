// Login throttling without lock-out: growing delays per (typed name, address) and per address,
// the same answer and the same work for known and unknown names, counted atomically.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import type { CoreContext } from "@/lib/core/context";
import { createUser } from "./users";
import { login } from "./login";
import { THROTTLE } from "./login-throttle";
import { pruneAudit } from "@/lib/core/audit/record";

// Every password verification, so tests can count them (each is one argon2 run).
const verified = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock("@/lib/core/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/core/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.hashes.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

let t: Awaited<ReturnType<typeof createTestDb>>;
let clock = Date.parse("2026-12-01T10:00:00Z");
let ctx: CoreContext;
const attempt = (name: string, password: string, address: string) => login(ctx, { name, password, address, ttlHours: 1 });
const REAL = "plum orbit lantern cascade";

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, undefined, () => new Date(clock));
  await createUser(ctx, { name: "admin", password: REAL, role: "admin" });
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  verified.hashes = [];
  await t.db.loginThrottle.deleteMany();
  await t.db.auditLog.deleteMany();
  clock += 3 * 86_400_000;
});

async function messageOf(p: Promise<unknown>): Promise<string> {
  return p.then(() => "logged in", (e: Error) => e.message);
}

describe("login throttling", () => {
  it("never locks the right password out from an address that has not failed", async () => {
    for (let i = 0; i < 12; i++) await messageOf(attempt("admin", `guess ${i}`, "203.0.113.7"));
    expect(await messageOf(attempt("admin", REAL, "203.0.113.7"))).toMatch(/Too many failed logins/);
    const fresh = await attempt("admin", REAL, "198.51.100.9");
    expect(fresh.kind).toBe("session");
  });

  it("gives five free tries per name and address, then delays that double, capped", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await messageOf(attempt("admin", `guess ${i}`, "203.0.113.8")));
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("Wrong user name or password"));
    expect(answers[5]).toBe("Too many failed logins from your address: try again in 1 s");
    clock += 1000;
    expect(await messageOf(attempt("admin", "guess 6", "203.0.113.8"))).toBe("Wrong user name or password");
    expect(await messageOf(attempt("admin", "guess 7", "203.0.113.8"))).toMatch(/try again in 2 s/);
    clock += 2000;
    await messageOf(attempt("admin", "guess 8", "203.0.113.8"));
    expect(await messageOf(attempt("admin", "guess 9", "203.0.113.8"))).toMatch(/try again in 4 s/);
    await t.db.loginThrottle.update({ where: { key: "login-acct:203.0.113.8:admin" }, data: { count: 40 } });
    clock += 10 * 60_000;
    await messageOf(attempt("admin", "guess 10", "203.0.113.8"));
    expect(await messageOf(attempt("admin", "guess 11", "203.0.113.8"))).toBe(`Too many failed logins from your address: try again in ${THROTTLE.maxDelayMs / 1000} s`);
  });

  it("lets the right password in after the delay, and then starts the count afresh", async () => {
    for (let i = 0; i < 5; i++) await messageOf(attempt("admin", `guess ${i}`, "203.0.113.9"));
    clock += 1000;
    expect((await attempt("admin", REAL, "203.0.113.9")).kind).toBe("session");
    expect(await messageOf(attempt("admin", "guess 5", "203.0.113.9"))).toBe("Wrong user name or password");
  });

  it("throttles each address across names too", async () => {
    for (let i = 0; i < THROTTLE.perAddress.free; i++) await messageOf(attempt(`name${i}`, "x", "203.0.113.10"));
    expect(await messageOf(attempt("admin", REAL, "203.0.113.10"))).toMatch(/Too many failed logins/);
    expect((await attempt("admin", REAL, "203.0.113.11")).kind).toBe("session");
  });

  it("answers unknown and known names alike, throttled or not, with one verification each", async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await messageOf(attempt("admin", `guess ${i}`, "203.0.113.12")));
      unknown.push(await messageOf(attempt("nosuchuser", `guess ${i}`, "203.0.113.13")));
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/Too many failed logins/);
    // The same work on every path: one argon2 verification per try, throttled or not.
    expect(verified.hashes).toHaveLength(14);
    expect(new Set(verified.hashes.map((h) => h.split("$")[3]))).toEqual(new Set(["m=19456,t=2,p=1"]));
  });

  it("counts atomically: 40 parallel wrong guesses check at most five passwords", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => messageOf(attempt("admin", `parallel ${i}`, "203.0.113.14"))));
    expect(answers.filter((a) => a === "Wrong user name or password")).toHaveLength(THROTTLE.perAccount.free);
    expect(answers.filter((a) => /Too many failed logins/.test(a))).toHaveLength(40 - THROTTLE.perAccount.free);
    const real = (await t.db.user.findUniqueOrThrow({ where: { name: "admin" } })).passwordHash;
    expect(verified.hashes.filter((h) => h === real)).toHaveLength(THROTTLE.perAccount.free);
  });

  it("audits failed logins with the typed name cut to 64 characters, at most ten rows per address a minute", async () => {
    const long = "n".repeat(3000);
    for (let i = 0; i < 30; i++) await messageOf(attempt(`${long}${i}`, "x", "203.0.113.15"));
    const rows = await t.db.auditLog.findMany({ where: { action: "session.login", result: "refused" } });
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(JSON.parse(r.detail)).toMatchObject({ name: "n".repeat(64), address: "203.0.113.15" });
    clock += 61_000;
    await messageOf(attempt("other", "x", "203.0.113.15"));
    await messageOf(attempt("other", "x", "203.0.113.16"));
    expect(await t.db.auditLog.count({ where: { action: "session.login", result: "refused" } })).toBe(12);
  });

  it("prunes audit rows past the retention and quiet counters", async () => {
    await messageOf(attempt("admin", "x", "203.0.113.17"));
    await t.db.auditLog.create({ data: { at: new Date(clock - 400 * 86_400_000), actorType: "system", actorName: "system", action: "old", result: "ok" } });
    const pruned = await pruneAudit(t.db, new Date(clock + 2 * 86_400_000), 365);
    expect(pruned).toEqual({ auditRows: 1, counters: 3, challenges: 0 });
    expect(await t.db.auditLog.count({ where: { action: "old" } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "session.login" } })).toBe(1);
  });
});
