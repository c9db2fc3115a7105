import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Download } from "lucide-react";
import { can } from "@/lib/core/auth/roles";
import { listClusters } from "@/lib/core/inventory/clusters";
import { listHosts } from "@/lib/core/inventory/hosts";
import { Tag } from "@/lib/core/inventory/schemas";
import { Id } from "@/lib/core/validation";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { HostKeyBadge } from "@/components/host-key-badge";
import { PolicyBadge } from "@/components/policy-badge";
import { formatAge } from "@/components/format";
import { AddHostForm, ImportHostsForm } from "./host-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Hosts" };

// Bad filter values are dropped rather than failing the page.
const Filter = z.object({ clusterId: Id.optional().catch(undefined), tag: Tag.optional().catch(undefined), q: z.string().max(100).optional().catch(undefined) });

export default async function HostsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("read");
  const writer = can(actor.role, "hosts:write");
  const filter = Filter.parse(await searchParams);
  const [hosts, clusters] = await Promise.all([listHosts(db(), { clusterId: filter.clusterId || undefined, tag: filter.tag || undefined, q: filter.q || undefined }), listClusters(db())]);
  const filtered = Boolean(filter.clusterId || filter.tag || filter.q);
  const now = new Date();
  return (
    <div className="space-y-5">
      <PageHeader
        title="Hosts"
        description="Hypervisors the dashboard manages over SSH."
        actions={
          <>
            <a className={buttonClass("secondary")} href="/api/v1/hosts/export?format=csv" download><Download aria-hidden size={14} />Export CSV</a>
            <a className={buttonClass("secondary")} href="/api/v1/hosts/export?format=json" download><Download aria-hidden size={14} />Export JSON</a>
          </>
        }
      />
      <Card title="Inventory">
        <form role="search" aria-label="Filter hosts" className="mb-3 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="filter-cluster" className="mb-1 block text-xs font-medium text-slate-700">Cluster</label>
            <Select id="filter-cluster" name="clusterId" defaultValue={filter.clusterId ?? ""}>
              <option value="">All clusters</option>
              {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </Select>
          </div>
          <div>
            <label htmlFor="filter-tag" className="mb-1 block text-xs font-medium text-slate-700">Tag</label>
            <Input id="filter-tag" name="tag" defaultValue={filter.tag ?? ""} className="w-32" />
          </div>
          <div>
            <label htmlFor="filter-q" className="mb-1 block text-xs font-medium text-slate-700">Name or address</label>
            <Input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} className="w-48" />
          </div>
          <button type="submit" className={buttonClass("secondary")}>Filter</button>
          {filtered && <Link href="/hosts" className="px-2 py-1.5 text-sm text-sky-700 hover:underline">Clear</Link>}
        </form>
        {hosts.length === 0 ? (
          <EmptyState title={filtered ? "No host matches this filter" : "No hosts yet"}>
            {filtered ? "Clear the filter to see every host." : clusters.length === 0 ? "Create a cluster first, then add hosts to it." : writer ? "Add a host below or import a CSV/JSON file." : "An operator adds hosts; they will be listed here."}
          </EmptyState>
        ) : (
          <Table label="Hosts">
            <thead><tr><Th>Name</Th><Th>Address</Th><Th>Cluster</Th><Th>Policy</Th><Th>Host key</Th><Th>Facts</Th><Th>Tags</Th></tr></thead>
            <tbody>
              {hosts.map((h) => (
                <Tr key={h.id}>
                  <Td><Link href={`/hosts/${h.id}`} className="font-medium text-sky-700 hover:underline">{h.name}</Link></Td>
                  <Td className="font-mono text-xs">{h.address}{h.sshPort !== 22 ? `:${h.sshPort}` : ""}</Td>
                  <Td>{h.clusterName}</Td>
                  <Td><PolicyBadge policy={h.policy} /></Td>
                  <Td><HostKeyBadge pinned={h.hostKey.pinned} seen={h.hostKey.seen} /></Td>
                  <Td className="text-slate-600">{formatAge(h.factsGatheredAt, now)}</Td>
                  <Td><div className="flex flex-wrap gap-1">{h.tags.map((t) => <Badge key={t}>{t}</Badge>)}</div></Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {writer && clusters.length > 0 && (
        <div className="grid gap-5 xl:grid-cols-2">
          <Card title="Add host" description="The dashboard connects with its own SSH key; install it on the host first (see Overview).">
            <AddHostForm clusters={clusters.map((c) => ({ id: c.id, name: c.name }))} />
          </Card>
          <Card title="Bulk import" description="CSV or JSON; nothing is written unless every row is valid.">
            <ImportHostsForm />
          </Card>
        </div>
      )}
      {writer && clusters.length === 0 && (
        <EmptyState title="No clusters yet"><Link className="text-sky-700 underline" href="/clusters">Create a cluster</Link> before adding hosts{can(actor.role, "clusters:write") ? "" : " (an admin does that)"}.</EmptyState>
      )}
    </div>
  );
}
