import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { sessionActor } from "@/lib/server/auth";
import { LoginForm } from "@/app/login/login-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage() {
  if (await sessionActor()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-5 flex items-center gap-2">
          <ShieldCheck aria-hidden className="text-emerald-600" />
          <h1 className="text-lg font-semibold">virtshield</h1>
        </div>
        <LoginForm />
        <p className="mt-4 text-xs text-slate-500">The first admin is created at first start; its password is printed once in the server log unless VIRTSHIELD_ADMIN_PASSWORD was set.</p>
      </div>
    </main>
  );
}
