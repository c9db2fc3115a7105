"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import { Activity, LayoutDashboard, ListChecks, Server, Settings, ShieldCheck, Boxes, FileBadge, KeyRound, Network, ShieldAlert, ArrowRightLeft } from "lucide-react";

const ITEMS = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/hosts", label: "Hosts", icon: Server },
  { href: "/clusters", label: "Clusters", icon: Boxes },
  { href: "/certificates", label: "Certificates", icon: FileBadge },
  { href: "/ca", label: "Certificate authority", icon: KeyRound },
  { href: "/ports", label: "Ports and TLS", icon: Network },
  { href: "/security", label: "Security audit", icon: ShieldAlert },
  { href: "/migrations", label: "Migrations", icon: ArrowRightLeft },
  { href: "/jobs", label: "Jobs", icon: Activity },
  { href: "/audit", label: "Audit log", icon: ListChecks },
  { href: "/settings", label: "Settings", icon: Settings },
];

export function SidebarNav() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      <div className="mb-4 flex items-center gap-2 px-2 pt-4 text-slate-900">
        <ShieldCheck aria-hidden size={20} className="text-emerald-600" />
        <span className="font-semibold tracking-tight">virtshield</span>
      </div>
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={clsx("flex items-center gap-2 rounded-md px-2 py-1.5 text-sm", active ? "bg-slate-200/70 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}
          >
            <Icon aria-hidden size={16} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
