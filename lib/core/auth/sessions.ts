import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { verifyPassword, hashPassword } from "@/lib/core/auth/password";
import { hashToken, newOpaqueToken } from "@/lib/core/auth/opaque-token";
import { isRole, type Actor } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";

// Verifying against a throwaway hash for unknown users keeps response time from revealing names.
let dummyHash: Promise<string> | undefined;

export async function login(
  ctx: CoreContext,
  input: { name: string; password: string; ttlHours: number },
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const user = await ctx.db.user.findUnique({ where: { name: input.name } });
  if (user) await refuseIfThrottled(ctx, user.id);
  const ok = user
    ? !user.disabled && (await verifyPassword(user.passwordHash, input.password))
    : (await verifyPassword(await (dummyHash ??= hashPassword("x".repeat(16))), input.password)) && false;
  if (!user || !ok || !isRole(user.role)) {
    await recordAudit(ctx, { action: "session.login", targetType: "user", targetId: user?.id, result: "refused", detail: { name: input.name } });
    throw new DomainError("UNAUTHENTICATED", "Wrong user name or password");
  }
  const { token, hash } = newOpaqueToken("vss");
  const expiresAt = new Date(ctx.now().getTime() + input.ttlHours * 3600_000);
  await ctx.db.session.create({ data: { tokenHash: hash, userId: user.id, expiresAt } });
  const actor: Actor = { type: "user", id: user.id, name: user.name, role: user.role };
  await recordAudit({ ...ctx, actor }, { action: "session.login", targetType: "user", targetId: user.id });
  return { token, expiresAt, actor };
}

const THROTTLE_WINDOW_MS = 15 * 60_000;
const THROTTLE_FAILURES = 10;

// Guessing passwords gets ten tries per account every 15 minutes; the audit log is the counter.
async function refuseIfThrottled(ctx: CoreContext, userId: string): Promise<void> {
  const since = new Date(ctx.now().getTime() - THROTTLE_WINDOW_MS);
  const failures = await ctx.db.auditLog.count({ where: { action: "session.login", result: "refused", targetId: userId, at: { gt: since } } });
  if (failures >= THROTTLE_FAILURES) {
    throw new DomainError("UNAUTHENTICATED", "Too many failed logins for this account: try again in 15 minutes");
  }
}

export async function resolveSession(db: Db, token: string, now: Date): Promise<Actor | null> {
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabled) return null;
  if (!isRole(session.user.role)) return null;
  return { type: "user", id: session.user.id, name: session.user.name, role: session.user.role };
}

export async function logout(db: Db, token: string, now: Date): Promise<void> {
  await db.session.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
}
