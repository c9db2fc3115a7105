import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { totpStatus } from "@/lib/core/auth/totp";
import { currentSession } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { logoutAction } from "@/app/logout/actions";
import { DisableForm, EnrolForm } from "./two-factor-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Two-factor login" };

// Outside the dashboard layout: an admin who must enrol is sent here and can reach nothing else.
export default async function TwoFactorPage() {
  const session = await currentSession();
  if (!session) redirect("/login");
  const status = await totpStatus(db(), session.actor.id ?? "");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex items-center gap-2">
          <ShieldCheck aria-hidden className="text-emerald-600" />
          <h1 className="text-lg font-semibold">Two-factor login</h1>
        </div>
        {session.mustEnrol && <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">Admins must use two-factor login here: turn it on to continue.</p>}
        {status.enabled ? (
          <>
            <p className="text-sm">On since {status.enabledAt?.toISOString().slice(0, 10)}; {status.recoveryCodesLeft} recovery codes left.</p>
            <DisableForm />
          </>
        ) : (
          <EnrolForm />
        )}
        <div className="flex items-center justify-between text-sm">
          {!session.mustEnrol ? <Link href="/settings" className="text-sky-700 underline">Back to settings</Link> : <span />}
          <form action={logoutAction}><button type="submit" className="text-slate-600 underline">Log out</button></form>
        </div>
      </div>
    </main>
  );
}
