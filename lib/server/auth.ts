import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor, Permission } from "@/lib/core/auth/roles";
import { can } from "@/lib/core/auth/roles";
import { resolveSessionDetail, type ResolvedSession } from "@/lib/core/auth/sessions";
import { resolveApiToken } from "@/lib/core/auth/api-tokens";
import { mustEnrolTotp } from "@/lib/core/auth/auth-settings";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

export const SESSION_COOKIE = "vs_session";
// Between the password and the TOTP code: the login challenge, httpOnly, for five minutes.
export const CHALLENGE_COOKIE = "vs_login_challenge";
export const ENROL_PATH = "/two-factor";
const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

async function cookieSession(): Promise<(ResolvedSession & { mustEnrol: boolean }) | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = await resolveSessionDetail(db(), token, new Date(), { idleMinutes: env().VIRTSHIELD_SESSION_IDLE_MINUTES });
  return session && { ...session, mustEnrol: await mustEnrolTotp(db(), session.actor) };
}

// API callers: a bearer token, or the browser's session cookie (for EventSource and same-origin
// fetches). An admin who must enrol in TOTP first gets nothing through the cookie until then.
export async function actorFromRequest(req: Request): Promise<{ actor: Actor | null; via: "token" | "cookie" | "none" }> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = BEARER.exec(header.trim());
    return { actor: m ? await resolveApiToken(db(), m[1], new Date()) : null, via: "token" };
  }
  if ((await cookies()).get(SESSION_COOKIE)) {
    const session = await cookieSession();
    return { actor: session && !session.mustEnrol ? session.actor : null, via: "cookie" };
  }
  return { actor: null, via: "none" };
}

// For server actions: as for the API, nothing but enrolment until a required second factor is on.
export async function sessionActor(): Promise<Actor | null> {
  const session = await cookieSession();
  return session && !session.mustEnrol ? session.actor : null;
}

// The session in use, whatever it may do: for enrolment, logout and "change my password".
export async function currentSession(): Promise<(ResolvedSession & { mustEnrol: boolean }) | null> {
  return cookieSession();
}

// For pages: who is looking, or off to the login page (or to enrol, when an admin must).
export async function requirePageActor(permission: Permission = "read"): Promise<Actor> {
  const session = await cookieSession();
  if (!session) redirect("/login");
  if (session.mustEnrol) redirect(ENROL_PATH);
  if (!can(session.actor.role, permission)) redirect("/?forbidden=1");
  return session.actor;
}

export function cookieSecure(req?: { headers: Headers }): boolean {
  const setting = env().VIRTSHIELD_COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  return req?.headers.get("x-forwarded-proto") === "https";
}
