import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { CHALLENGE_COOKIE } from "@/lib/server/auth";
import { CodeForm } from "@/app/login/code/code-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Two-factor code" };

export default async function LoginCodePage() {
  if (!(await cookies()).get(CHALLENGE_COOKIE)) redirect("/login");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-5 flex items-center gap-2">
          <ShieldCheck aria-hidden className="text-emerald-600" />
          <h1 className="text-lg font-semibold">Two-factor code</h1>
        </div>
        <CodeForm />
        <p className="mt-4 text-xs text-slate-500">Lost your phone? Enter one of your recovery codes instead; each works once.</p>
      </div>
    </main>
  );
}
