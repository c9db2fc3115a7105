import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { listAuditFindings, type Finding } from "@/lib/core/checks/audit-findings";
import { SEVERITIES, type Severity } from "@/lib/core/checks/audit-rules";
import { listClusters } from "@/lib/core/inventory/clusters";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ClusterFilter } from "@/components/cluster-filter";
import { SeverityBadge } from "@/components/severity-badge";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Security audit" };

type Search = { cluster?: string; severity?: string };

function href(q: Search, patch: Search): string {
  const p = new URLSearchParams(Object.entries({ ...q, ...patch }).filter((e): e is [string, string] => Boolean(e[1])));
  const s = p.toString();
  return s ? `/security?${s}` : "/security";
}

const HEADING: Record<Severity, string> = { critical: "Critical", high: "High", warning: "Warning", info: "Info" };

function FindingItem({ f }: { f: Finding }) {
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <SeverityBadge severity={f.severity} />
        <Link href={`/hosts/${encodeURIComponent(f.hostId)}`} className="font-medium text-slate-900 hover:underline">{f.hostName}</Link>
        <span className="font-mono text-xs text-slate-500">{f.rule}</span>
      </div>
      <p className="mt-1 text-sm text-slate-800">{f.message}</p>
      <p className="mt-0.5 font-mono text-xs break-all text-slate-500"><span className="sr-only">Evidence: </span>{f.evidence}</p>
      <p className="mt-1 text-sm"><span className="font-medium">Fix:</span> {f.fix} <Link href={f.action} className="text-sky-700 underline">Go to the fix</Link></p>
    </li>
  );
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor("read");
  const q = await searchParams;
  const clusters = await listClusters(db());
  const clusterId = clusters.some((c) => c.id === q.cluster) ? q.cluster : undefined;
  const severity = SEVERITIES.find((s) => s === q.severity);
  const all = await listAuditFindings(db(), new Date(), { clusterId });
  const findings = severity ? all.filter((f) => f.severity === severity) : all;
  const count = (s: Severity) => all.filter((f) => f.severity === s).length;
  return (
    <div className="space-y-5">
      <PageHeader title="Security audit" description="Computed from the last facts, certificates and cluster policies (OSSN-0007 and the seeds): each finding with its evidence and fix. Gather facts again to refresh a host." />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ClusterFilter clusters={clusters} current={clusterId} href={(id) => href({ severity }, { cluster: id })} />
        <nav aria-label="Severity" className="flex flex-wrap items-center gap-1.5 text-xs">
          <Link href={href({ cluster: clusterId }, {})} aria-current={!severity ? "page" : undefined} className={clsx("rounded px-2 py-0.5", !severity ? "bg-slate-200 font-medium" : "text-sky-700 hover:underline")}>All ({all.length})</Link>
          {SEVERITIES.map((s) => (
            <Link key={s} href={href({ cluster: clusterId }, { severity: s })} aria-current={severity === s ? "page" : undefined} className={clsx("rounded px-2 py-0.5", severity === s ? "bg-slate-200 font-medium" : "text-sky-700 hover:underline")}>
              {HEADING[s]} ({count(s)})
            </Link>
          ))}
        </nav>
      </div>
      {findings.length === 0 ? (
        <EmptyState title={all.length === 0 ? "No findings" : "No finding of this severity"}>{all.length === 0 ? "Nothing to report from what is stored; hosts without facts are not audited." : "Choose another severity."}</EmptyState>
      ) : (
        SEVERITIES.filter((s) => findings.some((f) => f.severity === s)).map((s) => (
          <Card key={s} title={`${HEADING[s]} (${findings.filter((f) => f.severity === s).length})`} id={`severity-${s}`}>
            <ul aria-label={`${HEADING[s]} findings`} className="-m-4 divide-y divide-slate-100">
              {findings.filter((f) => f.severity === s).map((f, i) => <FindingItem key={`${i} ${f.hostId} ${f.rule}`} f={f} />)}
            </ul>
          </Card>
        ))
      )}
    </div>
  );
}
