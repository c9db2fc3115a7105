import Link from "next/link";
import clsx from "clsx";

// Filter by cluster with plain links (the choice lives in the URL, no form, nothing to submit).
export function ClusterFilter({ clusters, current, href }: { clusters: { id: string; name: string }[]; current?: string; href: (clusterId?: string) => string }) {
  if (clusters.length < 2 && !current) return null;
  const item = (label: string, id: string | undefined) => {
    const active = id === current;
    return (
      <Link key={id ?? "all"} href={href(id)} aria-current={active ? "page" : undefined}
        className={clsx("rounded-full px-2.5 py-0.5 text-xs ring-1 ring-inset", active ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}>
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Cluster" className="flex flex-wrap items-center gap-1.5 text-sm">
      <span className="mr-1 text-xs text-slate-500">Cluster:</span>
      {item("All clusters", undefined)}
      {clusters.map((c) => item(c.name, c.id))}
    </nav>
  );
}
