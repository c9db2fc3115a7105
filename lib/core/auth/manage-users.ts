import { z } from "zod";
import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { hashPassword, verifyPassword } from "@/lib/core/auth/password";
import { passwordProblem, PASSWORD_MAX_LENGTH } from "@/lib/core/auth/password-policy";
import { requirePermission, ROLES, type Role } from "@/lib/core/auth/roles";
import { endUserSessions } from "@/lib/core/auth/sessions";
import { parseInput } from "@/lib/core/validation";
import { recordAudit } from "@/lib/core/audit/record";

export const UserPatch = z.strictObject({ disabled: z.boolean().optional(), role: z.enum(ROLES).optional() });
export type UserPatch = z.infer<typeof UserPatch>;

async function loadUser(ctx: CoreContext, id: string) {
  const user = await ctx.db.user.findUnique({ where: { id } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user");
  return user;
}

// Nobody may leave the product without an enabled admin (nor lock themselves out by accident).
async function assertAdminRemains(ctx: CoreContext, userId: string): Promise<void> {
  const others = await ctx.db.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) throw new DomainError("CONFLICT", "This is the last enabled admin: make another admin first");
}

// Disabling ends the user's sessions and API tokens at once, in the same transaction.
export async function updateUser(ctx: CoreContext, id: string, input: unknown): Promise<{ id: string; role: Role; disabled: boolean }> {
  requirePermission(ctx.actor, "users:admin");
  const patch = parseInput(UserPatch, input);
  const user = await loadUser(ctx, id);
  const losesAdmin = user.role === "admin" && !user.disabled && (patch.disabled === true || (patch.role !== undefined && patch.role !== "admin"));
  if (patch.disabled === true && ctx.actor.type === "user" && ctx.actor.id === id) throw new DomainError("CONFLICT", "You cannot disable your own account");
  if (losesAdmin) await assertAdminRemains(ctx, id);
  const now = ctx.now();
  const updated = await ctx.db.$transaction(async (tx) => {
    const row = await tx.user.update({ where: { id }, data: patch });
    if (patch.disabled === true) {
      await endUserSessions(tx, id, now);
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
    }
    return row;
  });
  await recordAudit(ctx, { action: "user.update", targetType: "user", targetId: id, detail: { name: user.name, ...patch } });
  return { id, role: updated.role as Role, disabled: updated.disabled };
}

const NewPasswordField = z.string().max(PASSWORD_MAX_LENGTH * 4);

function checkNewPassword(password: string, userName: string, field: string): void {
  const problem = passwordProblem(password, { userName });
  if (problem) throw new DomainError("VALIDATION", `The new password is refused: ${problem}`, { fieldErrors: { [field]: [problem] } });
}

// An admin sets a new password; the user's sessions end (whoever was using them).
export async function resetUserPassword(ctx: CoreContext, id: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "users:admin");
  const { password } = parseInput(z.strictObject({ password: NewPasswordField }), input);
  const user = await loadUser(ctx, id);
  checkNewPassword(password, user.name, "password");
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash } });
    await endUserSessions(tx, id, ctx.now());
  });
  await recordAudit(ctx, { action: "user.reset-password", targetType: "user", targetId: id, detail: { name: user.name } });
}

export const ChangeOwnPassword = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: NewPasswordField });

// With the current password; the other sessions of the user end, the one in use stays.
export async function changeOwnPassword(ctx: CoreContext, input: unknown, currentSessionId?: string): Promise<void> {
  if (ctx.actor.type !== "user" || !ctx.actor.id) throw new DomainError("FORBIDDEN", "Only a signed-in user has a password to change");
  const { currentPassword, newPassword } = parseInput(ChangeOwnPassword, input);
  const user = await loadUser(ctx, ctx.actor.id);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordAudit(ctx, { action: "user.change-password", targetType: "user", targetId: user.id, result: "refused" });
    throw new DomainError("VALIDATION", "The current password is wrong", { fieldErrors: { currentPassword: ["wrong password"] } });
  }
  checkNewPassword(newPassword, user.name, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endUserSessions(tx, user.id, ctx.now(), currentSessionId);
  });
  await recordAudit(ctx, { action: "user.change-password", targetType: "user", targetId: user.id });
}
