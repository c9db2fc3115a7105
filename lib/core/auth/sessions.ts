import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { hashToken } from "@/lib/core/auth/opaque-token";
import { can, isRole, type Actor } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";

export { login, completeLogin, type LoginResult } from "@/lib/core/auth/login";

export interface SessionPolicy {
  idleMinutes: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 60 };
// lastSeenAt is advisory to the minute: one write per session per minute, not one per request.
const TOUCH_EVERY_MS = 60_000;

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
}

export async function resolveSessionDetail(db: Db, token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<ResolvedSession | null> {
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabled) return null;
  if (!isRole(session.user.role)) return null;
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  if (idleMs > policy.idleMinutes * 60_000) {
    await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } });
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id: session.id, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: now } });
  }
  return { sessionId: session.id, actor: { type: "user", id: session.user.id, name: session.user.name, role: session.user.role } };
}

export async function resolveSession(db: Db, token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<Actor | null> {
  return (await resolveSessionDetail(db, token, now, policy))?.actor ?? null;
}

export async function logout(db: Db, token: string, now: Date): Promise<void> {
  await db.session.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
}

export interface PublicSession {
  id: string;
  userId: string;
  userName: string;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

// Active sessions: one's own, or everyone's for an admin.
export async function listSessions(ctx: CoreContext, opts: { all?: boolean } = {}): Promise<PublicSession[]> {
  const everyone = opts.all === true && can(ctx.actor.role, "users:admin");
  if (!everyone && (ctx.actor.type !== "user" || !ctx.actor.id)) return [];
  const now = ctx.now();
  const rows = await ctx.db.session.findMany({
    where: { revokedAt: null, expiresAt: { gt: now }, ...(everyone ? {} : { userId: ctx.actor.id! }) },
    include: { user: { select: { name: true } } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((s) => ({
    id: s.id, userId: s.userId, userName: s.user.name, address: s.address,
    createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString(),
  }));
}

export async function endSession(ctx: CoreContext, id: string): Promise<void> {
  const session = await ctx.db.session.findUnique({ where: { id }, select: { userId: true, revokedAt: true } });
  const own = ctx.actor.type === "user" && session?.userId === ctx.actor.id;
  // Someone else's session is "not found" unless one is an admin: ids do not leak.
  if (!session || session.revokedAt || (!own && !can(ctx.actor.role, "users:admin"))) throw new DomainError("NOT_FOUND", "No such active session");
  await ctx.db.session.update({ where: { id }, data: { revokedAt: ctx.now() } });
  await recordAudit(ctx, { action: "session.end", targetType: "session", targetId: id, detail: { userId: session.userId } });
}

// Disabling a user, resetting or changing a password: their sessions stop at once (but one's own
// current session, when one changes one's own password).
export async function endUserSessions(db: Pick<Db, "session">, userId: string, now: Date, keepSessionId?: string): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}
