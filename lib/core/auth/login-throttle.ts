import type { Db } from "@/lib/core/context";

// Growing delays instead of a hard lock: each (typed name, client address) pair gets FREE tries,
// then every further try must wait twice as long as the last (1 s, 2 s, 4 s ... capped at 15 min).
// Keys are by typed name, not user id, so unknown names are throttled exactly like real ones.
export const THROTTLE = {
  perAccount: { free: 5 },
  perAddress: { free: 20 },
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000, // a quiet day starts the count again
} as const;

export const TYPED_NAME_MAX = 64;

export function typedName(name: string): string {
  return name.slice(0, TYPED_NAME_MAX);
}

export function throttleKeys(name: string, address: string): { address: string; account: string } {
  return { address: `login-addr:${address}`, account: `login-acct:${address}:${typedName(name).toLowerCase()}` };
}

// Takes one try from the counter in a single statement: SQLite applies it atomically, so parallel
// guesses cannot all read "not blocked" and then all check a password. Returns 0 when the try may
// go ahead, else how many ms remain until the next one may.
export async function takeAttempt(db: Db, key: string, free: number, nowMs: number): Promise<number> {
  const forgetBefore = nowMs - THROTTLE.forgetAfterMs;
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "count", "windowStartMs", "lastMs", "blockedUntilMs")
    VALUES (${key}, 1, ${nowMs}, ${nowMs}, ${free <= 1 ? nowMs + THROTTLE.baseDelayMs : 0})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "lastMs" < ${forgetBefore} THEN 1 ELSE "count" + 1 END,
      "lastMs" = ${nowMs},
      "blockedUntilMs" = CASE
        WHEN (CASE WHEN "lastMs" < ${forgetBefore} THEN 1 ELSE "count" + 1 END) < ${free} THEN 0
        ELSE ${nowMs} + min(${THROTTLE.baseDelayMs} * (1 << min((CASE WHEN "lastMs" < ${forgetBefore} THEN 1 ELSE "count" + 1 END) - ${free}, 20)), ${THROTTLE.maxDelayMs})
      END
    WHERE "blockedUntilMs" <= ${nowMs}
    RETURNING "count"`;
  if (rows.length > 0) return 0;
  const row = await db.loginThrottle.findUnique({ where: { key }, select: { blockedUntilMs: true } });
  return Math.max(1, Number(row?.blockedUntilMs ?? 0) - nowMs);
}

// A right password: the pair starts afresh; the address gets its try back, so people behind one
// NAT who log in correctly do not use up each other's tries.
export async function forgiveAttempt(db: Db, keys: { address: string; account: string }): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: keys.account } });
  await db.$executeRaw`UPDATE "LoginThrottle" SET "count" = max("count" - 1, 0) WHERE "key" = ${keys.address}`;
}

