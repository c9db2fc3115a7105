"use server";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/core/auth/api-tokens";
import { createUser } from "@/lib/core/auth/users";
import { changeOwnPassword, resetUserPassword, updateUser } from "@/lib/core/auth/manage-users";
import { endSession } from "@/lib/core/auth/sessions";
import { resetTotp } from "@/lib/core/auth/totp";
import { updateAuthSettings } from "@/lib/core/auth/auth-settings";
import { ROLES } from "@/lib/core/auth/roles";
import { Id } from "@/lib/core/validation";
import { currentSession } from "@/lib/server/auth";
import { runFormAction, type ActionState } from "@/lib/server/action";

const NewUserForm = z.object({ name: z.string().trim(), password: z.string(), role: z.enum(ROLES) });
const NewTokenForm = z.object({
  name: z.string().trim(),
  role: z.enum(ROLES),
  expiresInDays: z.string().trim().optional().transform((s) => (s ? Number(s) : undefined)),
});
const UserForm = z.object({ id: Id, op: z.enum(["disable", "enable", "role"]), role: z.enum(ROLES).optional() });

export async function createUserAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "user.create", form, NewUserForm, ({ ctx, input }) => createUser(ctx, input));
}

// The token is in this one answer only; the database keeps its hash.
export async function createTokenAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "token.create", form, NewTokenForm, ({ ctx, input }) => createApiToken(ctx, input));
}

export async function revokeTokenAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "token.revoke", form, z.object({ id: Id }), ({ ctx, input }) => revokeApiToken(ctx, input.id));
}

export async function updateUserAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "user.update", form, UserForm, ({ ctx, input }) =>
    updateUser(ctx, input.id, input.op === "role" ? { role: input.role } : { disabled: input.op === "disable" }),
  );
}

export async function resetPasswordAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "user.reset-password", form, z.object({ id: Id, password: z.string() }), ({ ctx, input }) =>
    resetUserPassword(ctx, input.id, { password: input.password }),
  );
}

export async function resetTotpAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "user.totp-reset", form, z.object({ id: Id }), ({ ctx, input }) => resetTotp(ctx, input.id));
}

export async function authSettingsAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "auth.settings", form, z.object({ requireAdminTotp: z.string().optional() }), ({ ctx, input }) =>
    updateAuthSettings(ctx, { requireAdminTotp: input.requireAdminTotp === "on" }),
  );
}

// The session in use stays; the user's others end.
export async function changeOwnPasswordAction(_prev: ActionState, form: FormData) {
  const Schema = z.object({ currentPassword: z.string(), newPassword: z.string() });
  return runFormAction("read", "user.change-password", form, Schema, async ({ ctx, input }) => {
    const session = await currentSession();
    await changeOwnPassword(ctx, input, session?.sessionId);
    return { changed: true };
  });
}

export async function endSessionAction(_prev: ActionState, form: FormData) {
  return runFormAction("read", "session.end", form, z.object({ id: Id }), ({ ctx, input }) => endSession(ctx, input.id));
}
