"use server";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/core/auth/api-tokens";
import { createUser } from "@/lib/core/auth/users";
import { ROLES } from "@/lib/core/auth/roles";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

const NewUserForm = z.object({ name: z.string().trim(), password: z.string(), role: z.enum(ROLES) });
const NewTokenForm = z.object({ name: z.string().trim(), role: z.enum(ROLES) });

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
