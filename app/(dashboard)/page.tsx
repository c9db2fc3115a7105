import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { fleetSummary } from "@/lib/core/inventory/fleet-summary";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { listJobs } from "@/lib/core/jobs/list-jobs";
import { listAudit } from "@/lib/core/audit/list-audit";
import { Card, PageHeader } from "@/components/ui/card";
import { SshKeyPanel } from "@/components/ssh-key-panel";
import { JobsTable } from "@/components/jobs-table";
import { AuditTable } from "@/components/audit-table";
import { AutoRefresh } from "@/components/auto-refresh";
import { fleetStatus } from "@/lib/core/checks/fleet-status";
import { FleetStatusPanels } from "./fleet-status-panels";

export const dynamic = "force-dynamic";

function Stat({ label, value, hint, href }: { label: string; value: number; hint?: string; href: string }) {
  return (
    <Link href={href} className="rounded-lg border border-slate-200 bg-white px-4 py-3 hover:border-slate-300">
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold text-slate-900" aria-label={label}>{value}</div>
      {hint && <div className="mt-0.5 text-xs text-slate-500">{hint}</div>}
    </Link>
  );
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ forbidden?: string }> }) {
  const actor = await requirePageActor("read");
  const ctx = serverContext(actor);
  const [s, key, jobs, audit, sp, status] = await Promise.all([fleetSummary(ctx.db), ensureDashboardSshKey(ctx), listJobs(ctx.db, { limit: 8 }), listAudit(ctx.db, { limit: 8 }), searchParams, fleetStatus(ctx.db, ctx.now())]);
  return (
    <div className="space-y-5">
      <PageHeader title="Overview" description="The fleet at a glance; refreshes every 15 seconds." actions={<Link href="/wall" className="text-sm text-sky-700 hover:underline">Wall screen</Link>} />
      <AutoRefresh seconds={15} />
      {sp.forbidden && <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">Your role ({actor.role}) may not open that page.</div>}
      <section aria-label="Inventory" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <Stat label="Clusters" value={s.clusters} href="/clusters" />
        <Stat label="Hosts" value={s.hosts} href="/hosts" />
        <Stat label="Host keys pinned" value={s.hostKeysPinned} href="/hosts" />
        <Stat label="Host keys unpinned" value={s.hostKeysUnpinned} hint={s.hostKeysUnpinned ? "pin them on each host's page" : undefined} href="/hosts" />
        <Stat label="Hosts with facts" value={s.hostsWithFacts} href="/hosts" />
        <Stat label="Jobs running" value={s.jobsRunning} href="/jobs" />
        <Stat label="Jobs failed" value={s.jobsFailed} href="/jobs" />
      </section>
      <FleetStatusPanels status={status} />
      <div className="grid gap-5 xl:grid-cols-2">
        <Card title="Dashboard SSH key" description="Authorise this key on every hypervisor so the dashboard can log in.">
          <SshKeyPanel publicKey={key.publicKey} />
        </Card>
        <Card title="Recent jobs" actions={<Link className="text-xs text-sky-700 hover:underline" href="/jobs">All jobs</Link>}>
          <JobsTable jobs={jobs.items} empty="No jobs yet: gather facts on a host to start one." />
        </Card>
      </div>
      <Card title="Recent activity" actions={<Link className="text-xs text-sky-700 hover:underline" href="/audit">Audit log</Link>}>
        <AuditTable entries={audit} />
      </Card>
    </div>
  );
}
