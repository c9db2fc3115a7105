import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/core/auth/roles";
import { isDomainError } from "@/lib/core/errors";
import { getHost } from "@/lib/core/inventory/hosts";
import { listClusters } from "@/lib/core/inventory/clusters";
import { readFacts } from "@/lib/core/facts/facts-job";
import type { HostFacts } from "@/lib/core/facts/facts";
import { listJobs } from "@/lib/core/jobs/list-jobs";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { HostKeyBadge } from "@/components/host-key-badge";
import { PolicyBadge } from "@/components/policy-badge";
import { JobsTable } from "@/components/jobs-table";
import { formatTime } from "@/components/format";
import { HostKeyPanel } from "./host-key-panel";
import { FactsView } from "./facts-view";
import { CertHostPanel } from "./cert-host-panel";
import { gatherFactsAction } from "./actions";
import { StartJobForm } from "@/components/start-job-form";
import { DeleteHostForm, EditHostForm } from "./host-edit-forms";
import { ProvisionPanel } from "./provision-panel";
import { ValidationPanel } from "./validation-panel";
import { BlockedPairs } from "./blocked-pairs";
import { GuestsCard } from "./guests-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Host" };

async function loadHost(id: string) {
  try {
    return await getHost(db(), id);
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("read");
  const host = await loadHost((await params).id);
  const [stored, jobs, clusters] = await Promise.all([readFacts(db(), host.id), listJobs(db(), { hostId: host.id, limit: 5 }), listClusters(db())]);
  const writer = can(actor.role, "hosts:write");
  const runner = can(actor.role, "jobs:run");
  return (
    <div className="space-y-5">
      <PageHeader
        title={host.name}
        description={<><Link href="/hosts" className="text-sky-700 hover:underline">Hosts</Link> / {host.name}</>}
        actions={<><PolicyBadge policy={host.policy} /><HostKeyBadge pinned={host.hostKey.pinned} seen={host.hostKey.seen} /></>}
      />
      <BlockedPairs hostId={host.id} />
      <div className="grid gap-5 xl:grid-cols-2">
        <Card title="Details">
          <dl>
            <Detail label="SSH"><span className="font-mono text-xs">{host.sshUser}@{host.address}:{host.sshPort}</span></Detail>
            <Detail label="Cluster">{host.clusterName}</Detail>
            <Detail label="Migration address"><span className="font-mono text-xs">{host.migrationAddress}</span></Detail>
            <Detail label="DNS names">{host.names.length ? host.names.join(", ") : "—"}</Detail>
            <Detail label="IP addresses">{host.ips.length ? host.ips.join(", ") : "—"}</Detail>
            <Detail label="Tags"><span className="flex flex-wrap gap-1">{host.tags.length ? host.tags.map((t) => <Badge key={t}>{t}</Badge>) : "—"}</span></Detail>
            <Detail label="Added">{formatTime(host.createdAt)}</Detail>
          </dl>
        </Card>
        <Card title="SSH host key" id="host-key" description="The dashboard only talks to a host whose key an operator has pinned.">
          <HostKeyPanel hostId={host.id} pinned={host.hostKey.pinned} canWrite={writer} isAdmin={actor.role === "admin"} />
        </Card>
      </div>
      <Card title="Facts" id="facts" description="Read from the host over SSH: versions, daemons, configuration, guests.">
        <div className="space-y-4">
          {runner && <StartJobForm action={gatherFactsAction} label="Gather facts" fields={{ id: host.id }} hint={host.hostKey.pinned ? undefined : "Pin the host key first."} />}
          {stored ? (
            <FactsView facts={stored.facts as Partial<HostFacts>} gatheredAt={stored.gatheredAt} />
          ) : (
            <EmptyState title="No facts gathered yet">{host.hostKey.pinned ? (runner ? "Gather facts to see versions and configuration." : "An operator can gather them.") : "Pin the SSH host key, then gather facts."}</EmptyState>
          )}
        </div>
      </Card>
      <GuestsCard hostId={host.id} pinned={Boolean(host.hostKey.pinned)} canRun={runner} />
      <CertHostPanel hostId={host.id} actor={actor} />
      <ProvisionPanel host={host} actor={actor} />
      <ValidationPanel hostId={host.id} pinned={Boolean(host.hostKey.pinned)} actor={actor} />
      <Card title="Recent jobs on this host">
        <JobsTable jobs={jobs.items} empty="No jobs have run on this host yet." />
      </Card>
      {writer && (
        <Card title="Edit host">
          <EditHostForm
            id={host.id}
            clusters={clusters.map((c) => ({ id: c.id, name: c.name }))}
            defaults={{
              name: host.name, address: host.address, sshPort: String(host.sshPort), sshUser: host.sshUser, clusterId: host.clusterId,
              names: host.names.join(" "), ips: host.ips.join(" "), tags: host.tags.join(" "),
              migrationAddress: host.migrationAddress === host.address ? "" : host.migrationAddress,
            }}
          />
        </Card>
      )}
      {writer && (
        <Card title="Danger zone">
          <DeleteHostForm id={host.id} name={host.name} />
        </Card>
      )}
    </div>
  );
}
