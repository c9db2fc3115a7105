"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { login } from "@/lib/core/auth/sessions";
import { isDomainError } from "@/lib/core/errors";
import { SESSION_COOKIE, cookieSecure } from "@/lib/server/auth";
import { logger, serverContext } from "@/lib/server/context";
import { env } from "@/lib/server/env";
import type { ActionState } from "@/lib/server/action";

const LoginForm = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

// Not wrapped by runAction: there is no session yet. Failed logins are audited by login() itself.
export async function loginAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = LoginForm.safeParse({ name: form.get("name"), password: form.get("password") });
  const values = { name: String(form.get("name") ?? "") };
  if (!parsed.success) return { ok: false, code: "VALIDATION", message: "Enter your user name and password", values };
  try {
    const ttlHours = env().VIRTSHIELD_SESSION_HOURS;
    const { token, expiresAt } = await login(serverContext(SYSTEM_ACTOR), { ...parsed.data, ttlHours });
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: "lax", path: "/", expires: expiresAt, secure: cookieSecure({ headers: await headers() }),
    });
  } catch (e) {
    if (isDomainError(e)) return { ok: false, code: e.code, message: e.message, values };
    logger().error("login failed unexpectedly", { error: e instanceof Error ? e.stack : String(e) });
    return { ok: false, code: "INTERNAL", message: "Login failed unexpectedly; see the server log", values };
  }
  redirect("/");
}
