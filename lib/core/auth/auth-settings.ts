import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission, type Actor } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";

export const AuthSettings = z.strictObject({ requireAdminTotp: z.boolean() });
export type AuthSettings = z.infer<typeof AuthSettings>;

const KEY = "auth.settings";
const DEFAULTS: AuthSettings = { requireAdminTotp: false };

export async function getAuthSettings(db: Db): Promise<AuthSettings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return row ? { ...DEFAULTS, ...AuthSettings.partial().parse(JSON.parse(row.value)) } : DEFAULTS;
}

export async function updateAuthSettings(ctx: CoreContext, input: unknown): Promise<AuthSettings> {
  requirePermission(ctx.actor, "users:admin");
  const next = { ...(await getAuthSettings(ctx.db)), ...parseInput(AuthSettings.partial(), input) };
  // Requiring it while one has none would send oneself to enrol mid-change: enrol first.
  if (next.requireAdminTotp && ctx.actor.type === "user" && ctx.actor.id) {
    const me = await ctx.db.user.findUnique({ where: { id: ctx.actor.id }, select: { totpEnabledAt: true } });
    if (!me?.totpEnabledAt) throw new DomainError("CONFLICT", "Turn on two-factor login for yourself first, then require it for admins");
  }
  const value = JSON.stringify(next);
  await ctx.db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  await recordAudit(ctx, { action: "auth.settings", detail: next });
  return next;
}

// An admin signed in without a second factor while the setting asks for one: sent to enrol,
// and refused everything else until then.
export async function mustEnrolTotp(db: Db, actor: Actor): Promise<boolean> {
  if (actor.type !== "user" || actor.role !== "admin" || !actor.id) return false;
  if (!(await getAuthSettings(db)).requireAdminTotp) return false;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  return !user?.totpEnabledAt;
}
