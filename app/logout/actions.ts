"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { logout } from "@/lib/core/auth/sessions";
import { SESSION_COOKIE } from "@/lib/server/auth";
import { db } from "@/lib/server/db";

// Revokes the session server-side (a copied cookie stops working too), then drops the cookie.
export async function logoutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await logout(db(), token, new Date());
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
