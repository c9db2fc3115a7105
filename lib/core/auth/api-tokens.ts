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
});
export type NewApiToken = z.infer<typeof NewApiToken>;

export async function createApiToken(ctx: CoreContext, input: unknown): Promise<{ id: string; token: string; role: string; name: string }> {
  requirePermission(ctx.actor, "users:admin");
  const { name, role } = parseInput(NewApiToken, input);
  const { token, hash } = newOpaqueToken("vst");
  const row = await ctx.db.apiToken.create({ data: { name, role, tokenHash: hash, createdBy: ctx.actor.name } });
  await recordAudit(ctx, { action: "token.create", targetType: "token", targetId: row.id, detail: { name, role } });
  return { id: row.id, token, role, name };
}

export async function revokeApiToken(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "users:admin");
  const { count } = await ctx.db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: ctx.now() } });
  if (count === 0) throw new DomainError("NOT_FOUND", "No such active token");
  await recordAudit(ctx, { action: "token.revoke", targetType: "token", targetId: id });
}

export async function resolveApiToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || !isRole(row.role)) return null;
  // Last-use is advisory; a minute's granularity keeps writes off the hot path.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "token", id: row.id, name: `token:${row.name}`, role: row.role };
}

export async function listApiTokens(db: Db) {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((t) => ({
    id: t.id, name: t.name, role: t.role, createdBy: t.createdBy, createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}
