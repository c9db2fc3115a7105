import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { hashToken, newOpaqueToken } from "@/lib/core/auth/opaque-token";
import { isRole, requirePermission, ROLES, type Actor } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";

export const NewApiToken = z.object({
  name: z.string().regex(/^[a-zA-Z0-9 ._-]{1,64}$/, "1-64 letters, digits, spaces, '.', '_' or '-'"),
  role: z.enum(ROLES),
  expiresInDays: z.number().int().min(1).max(3650).optional(), // none: until revoked
});
export type NewApiToken = z.infer<typeof NewApiToken>;

export interface PublicApiToken {
  id: string;
  name: string;
  role: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export async function createApiToken(ctx: CoreContext, input: unknown): Promise<{ id: string; token: string; role: string; name: string; expiresAt: string | null }> {
  requirePermission(ctx.actor, "users:admin");
  const { name, role, expiresInDays } = parseInput(NewApiToken, input);
  const { token, hash } = newOpaqueToken("vst");
  const expiresAt = expiresInDays ? new Date(ctx.now().getTime() + expiresInDays * 86_400_000) : null;
  // The minting admin owns it: disabling them ends it. (The CLI's system actor owns none.)
  const userId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const row = await ctx.db.apiToken.create({ data: { name, role, tokenHash: hash, createdBy: ctx.actor.name, userId, expiresAt } });
  await recordAudit(ctx, { action: "token.create", targetType: "token", targetId: row.id, detail: { name, role, expiresAt: expiresAt?.toISOString() ?? null } });
  return { id: row.id, token, role, name, expiresAt: expiresAt?.toISOString() ?? null };
}

export async function revokeApiToken(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "users:admin");
  const { count } = await ctx.db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: ctx.now() } });
  if (count === 0) throw new DomainError("NOT_FOUND", "No such active token");
  await recordAudit(ctx, { action: "token.revoke", targetType: "token", targetId: id });
}

export async function resolveApiToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { disabled: true } } } });
  if (!row || row.revokedAt || !isRole(row.role)) return null;
  if (row.expiresAt && row.expiresAt <= now) return null;
  if (row.user?.disabled) return null;
  // Last-use is advisory; a minute's granularity keeps writes off the hot path.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "token", id: row.id, name: `token:${row.name}`, role: row.role };
}

export async function listApiTokens(db: Db): Promise<PublicApiToken[]> {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((t) => ({
    id: t.id, name: t.name, role: t.role, createdBy: t.createdBy, createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}
