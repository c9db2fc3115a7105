import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor, Permission } from "@/lib/core/auth/roles";
import { can } from "@/lib/core/auth/roles";
import { resolveSession } from "@/lib/core/auth/sessions";
import { resolveApiToken } from "@/lib/core/auth/api-tokens";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

export const SESSION_COOKIE = "vs_session";
const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

// API callers: a bearer token, or the browser's session cookie (for EventSource and same-origin fetches).
export async function actorFromRequest(req: Request): Promise<{ actor: Actor | null; via: "token" | "cookie" | "none" }> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = BEARER.exec(header.trim());
    return { actor: m ? await resolveApiToken(db(), m[1], new Date()) : null, via: "token" };
  }
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (cookie) return { actor: await resolveSession(db(), cookie, new Date()), via: "cookie" };
  return { actor: null, via: "none" };
}

export async function sessionActor(): Promise<Actor | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? resolveSession(db(), token, new Date()) : null;
}

// For pages: who is looking, or off to the login page.
export async function requirePageActor(permission: Permission = "read"): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/login");
  if (!can(actor.role, permission)) redirect("/?forbidden=1");
  return actor;
}

export function cookieSecure(req?: { headers: Headers }): boolean {
  const setting = env().VIRTSHIELD_COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  return req?.headers.get("x-forwarded-proto") === "https";
}
