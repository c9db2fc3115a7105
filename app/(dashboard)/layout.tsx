import type { ReactNode } from "react";
import { LogOut } from "lucide-react";
import { requirePageActor } from "@/lib/server/auth";
import { logoutAction } from "@/app/logout/actions";
import { SidebarNav } from "./sidebar-nav";
import { Badge } from "@/components/ui/badge";

export const dynamic = "force-dynamic";

// The app shell: every page below it needs a session; pages check their own permission too.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor("read");
  return (
    <div className="flex min-h-screen">
      <aside className="w-52 shrink-0 border-r border-slate-200 bg-white">
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 items-center justify-end gap-3 border-b border-slate-200 bg-white px-6">
          <span className="text-sm text-slate-700" aria-label="Signed in as">{actor.name}</span>
          <Badge tone={actor.role === "admin" ? "blue" : actor.role === "operator" ? "green" : "gray"}>{actor.role}</Badge>
          <form action={logoutAction}>
            <button type="submit" className="inline-flex items-center gap-1 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              <LogOut aria-hidden size={14} /> Log out
            </button>
          </form>
        </header>
        <main className="flex-1 px-6 py-5">{children}</main>
      </div>
    </div>
  );
}
