"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { completeLogin, login } from "@/lib/core/auth/sessions";
import { toPublicError } from "@/lib/core/public-error";
import { CHALLENGE_COOKIE, SESSION_COOKIE, cookieSecure } from "@/lib/server/auth";
import { clientAddress } from "@/lib/server/client-address";
import { logger, serverContext } from "@/lib/server/context";
import { env } from "@/lib/server/env";
import type { ActionState } from "@/lib/server/action";

const LoginForm = z.object({ name: z.string().trim().min(1).max(256), password: z.string().min(1).max(1024) });
const CodeForm = z.object({ code: z.string().trim().min(1).max(64) });

function unexpected(e: unknown, values: Record<string, string>): ActionState {
  const { code, message } = toPublicError(e, logger(), { in: "login" });
  return { ok: false, code, message, values };
}

async function setCookie(name: string, value: string, expires: Date): Promise<void> {
  (await cookies()).set(name, value, { httpOnly: true, sameSite: "lax", path: "/", expires, secure: cookieSecure({ headers: await headers() }) });
}

// Not wrapped by runAction: there is no session yet. Failed logins are audited by login() itself.
export async function loginAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = LoginForm.safeParse({ name: form.get("name"), password: form.get("password") });
  const values = { name: String(form.get("name") ?? "").slice(0, 256) };
  if (!parsed.success) return { ok: false, code: "VALIDATION", message: "Enter your user name and password", values };
  let next = "/";
  try {
    const address = clientAddress(await headers());
    const result = await login(serverContext(SYSTEM_ACTOR), { ...parsed.data, address, ttlHours: env().VIRTSHIELD_SESSION_HOURS });
    if (result.kind === "totp") {
      await setCookie(CHALLENGE_COOKIE, result.challenge, result.expiresAt);
      next = "/login/code";
    } else {
      await setCookie(SESSION_COOKIE, result.token, result.expiresAt);
    }
  } catch (e) {
    return unexpected(e, values);
  }
  redirect(next);
}

// Step two: the 6-digit code from the app, or a recovery code.
export async function codeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = CodeForm.safeParse({ code: form.get("code") });
  if (!parsed.success) return { ok: false, code: "VALIDATION", message: "Enter the code from your app or a recovery code" };
  const jar = await cookies();
  const challenge = jar.get(CHALLENGE_COOKIE)?.value;
  if (!challenge) redirect("/login");
  try {
    const address = clientAddress(await headers());
    const session = await completeLogin(serverContext(SYSTEM_ACTOR), { challenge, code: parsed.data.code, address, ttlHours: env().VIRTSHIELD_SESSION_HOURS });
    await setCookie(SESSION_COOKIE, session.token, session.expiresAt);
    jar.delete(CHALLENGE_COOKIE);
  } catch (e) {
    return unexpected(e, {});
  }
  redirect("/");
}
