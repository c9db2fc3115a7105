import crypto from "node:crypto";
import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password";
import { requirePermission, ROLES, type Role } from "@/lib/core/auth/roles";
import { parseInput } from "@/lib/core/validation";
import { recordAudit } from "@/lib/core/audit/record";
import { isUniqueViolation } from "@/lib/core/db-errors";

export const UserName = z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, "1-64 letters, digits, '.', '_' or '-'");
export const NewUser = z.object({
  name: UserName,
  password: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(256),
  role: z.enum(ROLES),
});
export type NewUser = z.infer<typeof NewUser>;

export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export async function createUser(ctx: CoreContext, input: unknown): Promise<PublicUser> {
  requirePermission(ctx.actor, "users:admin");
  const { name, password, role } = parseInput(NewUser, input);
  try {
    const user = await ctx.db.user.create({ data: { name, role, passwordHash: await hashPassword(password) } });
    await recordAudit(ctx, { action: "user.create", targetType: "user", targetId: user.id, detail: { name, role } });
    return { id: user.id, name: user.name, role, createdAt: user.createdAt };
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CONFLICT", `A user named ${name} already exists`);
    throw e;
  }
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const users = await db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, role: true, createdAt: true } });
  return users.map((u) => ({ ...u, role: u.role as Role }));
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
