import crypto from "node:crypto";
import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { hashPassword } from "@/lib/core/auth/password";
import { refineNewPassword, PASSWORD_MAX_LENGTH } from "@/lib/core/auth/password-policy";
import { requirePermission, ROLES, type Role } from "@/lib/core/auth/roles";
import { parseInput } from "@/lib/core/validation";
import { recordAudit } from "@/lib/core/audit/record";
import { uniqueConflict } from "@/lib/core/db-errors";

export const UserName = z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, "1-64 letters, digits, '.', '_' or '-'");
export const NewUser = z
  .object({ name: UserName, password: z.string().max(PASSWORD_MAX_LENGTH * 4), role: z.enum(ROLES) })
  .superRefine(refineNewPassword<{ name: string; password: string }>("password", "name"));
export type NewUser = z.infer<typeof NewUser>;

export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: Date;
}

export async function createUser(ctx: CoreContext, input: unknown): Promise<PublicUser> {
  requirePermission(ctx.actor, "users:admin");
  const { name, password, role } = parseInput(NewUser, input);
  try {
    const user = await ctx.db.user.create({ data: { name, role, passwordHash: await hashPassword(password) } });
    await recordAudit(ctx, { action: "user.create", targetType: "user", targetId: user.id, detail: { name, role } });
    return { id: user.id, name: user.name, role, disabled: false, totpEnabled: false, createdAt: user.createdAt };
  } catch (e) {
    throw uniqueConflict(e, `A user named ${name} already exists`);
  }
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const users = await db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, role: true, disabled: true, totpEnabledAt: true, createdAt: true } });
  return users.map(({ totpEnabledAt, ...u }) => ({ ...u, role: u.role as Role, totpEnabled: totpEnabledAt !== null }));
}

export async function findUserByName(db: Db, name: string): Promise<{ id: string; name: string } | null> {
  return db.user.findUnique({ where: { name }, select: { id: true, name: true } });
}

// At first start: create the first admin. Without a configured password one is generated and
// returned once so the caller can print it; it is never stored in clear.
export async function ensureFirstAdmin(
  ctx: CoreContext,
  opts: { name: string; password?: string },
): Promise<{ created: false } | { created: true; name: string; generatedPassword?: string }> {
  if ((await ctx.db.user.count({ where: { role: "admin" } })) > 0) return { created: false };
  const generated = opts.password ? undefined : crypto.randomBytes(18).toString("base64url");
  await createUser(ctx, { name: opts.name, password: opts.password ?? generated!, role: "admin" });
  return { created: true, name: opts.name, generatedPassword: generated };
}
