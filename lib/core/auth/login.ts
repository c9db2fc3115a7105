import { z } from "zod";
import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { verifyPassword } from "@/lib/core/auth/password";
import { hashToken, newOpaqueToken } from "@/lib/core/auth/opaque-token";
import { isRole, type Actor } from "@/lib/core/auth/roles";
import { forgiveAttempt, takeAttempt, THROTTLE, throttleKeys, typedName } from "@/lib/core/auth/login-throttle";
import { verifySecondFactor } from "@/lib/core/auth/totp";
import { recordAudit, recordAuditLimited } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";

// A real argon2id hash (same parameters as stored ones) of a password nobody knows: unknown
// names and throttled tries verify against it, so every answer costs one verification.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Cddo+96yDMU9Tx9CUrMPFw$rWykPnTvu+3+vPkONTnligANu3/1LYqVDZk6LPPLlBc";
const FAILED_LOGIN_AUDITS_PER_MINUTE = 10;
const CHALLENGE_MINUTES = 5;
const CHALLENGE_TRIES = 5;

export const LoginInput = z.object({
  name: z.string().max(4096), // kept whole only for the lookup; logs and keys get 64 characters
  password: z.string().max(4096),
  address: z.string().min(1).max(128), // the client address, from the socket or a trusted proxy
  ttlHours: z.number().positive(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export type LoginResult =
  | { kind: "session"; token: string; expiresAt: Date; actor: Actor }
  | { kind: "totp"; challenge: string; expiresAt: Date };

const WRONG = "Wrong user name or password";

function throttled(waitMs: number): DomainError {
  return new DomainError("UNAUTHENTICATED", `Too many failed logins from your address: try again in ${Math.ceil(waitMs / 1000)} s`);
}

async function refuse(ctx: CoreContext, input: LoginInput, userId: string | undefined, reason: string): Promise<void> {
  await recordAuditLimited(
    ctx,
    { action: "session.login", targetType: "user", targetId: userId, result: "refused", detail: { name: typedName(input.name), address: input.address, reason } },
    { key: input.address, perMinute: FAILED_LOGIN_AUDITS_PER_MINUTE },
  );
}

export async function login(ctx: CoreContext, raw: LoginInput): Promise<LoginResult> {
  const input = parseInput(LoginInput, raw);
  const keys = throttleKeys(input.name, input.address);
  const nowMs = ctx.now().getTime();
  const wait = (await takeAttempt(ctx.db, keys.address, THROTTLE.perAddress.free, nowMs)) || (await takeAttempt(ctx.db, keys.account, THROTTLE.perAccount.free, nowMs));
  const user = await ctx.db.user.findUnique({ where: { name: input.name } });
  // Exactly one verification whatever happens, so the time taken tells nothing.
  const passwordOk = await verifyPassword(!wait && user ? user.passwordHash : DUMMY_HASH, input.password);
  if (wait) {
    await refuse(ctx, input, user?.id, "throttled");
    throw throttled(wait);
  }
  if (!user || !passwordOk || user.disabled || !isRole(user.role)) {
    await refuse(ctx, input, user?.id, user?.disabled && passwordOk ? "disabled" : "no match");
    throw new DomainError("UNAUTHENTICATED", WRONG);
  }
  if (user.totpEnabledAt) {
    // The pair's count is forgiven only after the second factor, so each challenge costs a try.
    const { token, hash } = newOpaqueToken("vsc");
    const expiresAt = new Date(nowMs + CHALLENGE_MINUTES * 60_000);
    await ctx.db.loginChallenge.create({ data: { tokenHash: hash, userId: user.id, address: input.address, expiresAt } });
    return { kind: "totp", challenge: token, expiresAt };
  }
  await forgiveAttempt(ctx.db, keys);
  return { kind: "session", ...(await startSession(ctx, user, input)) };
}

export const SecondFactorInput = z.object({
  challenge: z.string().min(10).max(200),
  code: z.string().max(64),
  address: z.string().min(1).max(128),
  ttlHours: z.number().positive(),
});
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;

// Step two: a few tries per challenge, counted by one conditional update so they cannot race.
export async function completeLogin(ctx: CoreContext, raw: SecondFactorInput): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const input = parseInput(SecondFactorInput, raw);
  const now = ctx.now();
  const challenge = await ctx.db.loginChallenge.findUnique({ where: { tokenHash: hashToken(input.challenge) }, include: { user: true } });
  const gone = new DomainError("UNAUTHENTICATED", "The login has expired: enter your user name and password again");
  if (!challenge || challenge.expiresAt <= now || challenge.address !== input.address) throw gone;
  const { count } = await ctx.db.loginChallenge.updateMany({ where: { id: challenge.id, attempts: { lt: CHALLENGE_TRIES } }, data: { attempts: { increment: 1 } } });
  if (count === 0) throw gone;
  const factor = await verifySecondFactor(ctx, challenge.userId, input.code);
  if (!factor || challenge.user.disabled || !isRole(challenge.user.role)) {
    await recordAuditLimited(ctx, { action: "session.login", targetType: "user", targetId: challenge.userId, result: "refused", detail: { name: challenge.user.name, address: input.address, reason: "second factor no match" } }, { key: input.address, perMinute: FAILED_LOGIN_AUDITS_PER_MINUTE });
    throw new DomainError("UNAUTHENTICATED", "Wrong code");
  }
  await ctx.db.loginChallenge.delete({ where: { id: challenge.id } });
  await forgiveAttempt(ctx.db, throttleKeys(challenge.user.name, input.address));
  return startSession(ctx, challenge.user, { ...input, secondFactor: factor });
}

async function startSession(
  ctx: CoreContext,
  user: { id: string; name: string; role: string },
  input: { address: string; ttlHours: number; secondFactor?: string },
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  if (!isRole(user.role)) throw new DomainError("UNAUTHENTICATED", WRONG);
  const { token, hash } = newOpaqueToken("vss");
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3600_000);
  await ctx.db.session.create({ data: { tokenHash: hash, userId: user.id, expiresAt, lastSeenAt: now, address: input.address } });
  const actor: Actor = { type: "user", id: user.id, name: user.name, role: user.role };
  await recordAudit({ ...ctx, actor }, { action: "session.login", targetType: "user", targetId: user.id, detail: { address: input.address, secondFactor: input.secondFactor ?? null } });
  return { token, expiresAt, actor };
}
