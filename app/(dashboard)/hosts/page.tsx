import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { can } from "@/lib/core/auth/roles";
import { listClusters } from "@/lib/core/inventory/clusters";
import { HostListQuery, pageHosts } from "@/lib/core/inventory/hosts";
import { lenientQuery } from "@/lib/core/paging";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { listHref, Pager } from "@/components/pager";
import { SortTh, sortState } from "@/components/sort-header";
import { Badge } from "@/components/ui/badge";
import { HostKeyBadge } from "@/components/host-key-badge";
import { PolicyBadge } from "@/components/policy-badge";
import { formatAge } from "@/components/format";
import { AddHostForm, ImportHostsForm } from "./host-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Hosts" };

type SortKey = "name" | "address" | "cluster";

export default async function HostsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("read");
  const writer = can(actor.role, "hosts:write");
  // The view lives in the URL (bookmarkable); a bad value is dropped rather than failing the page.
  const filter = lenientQuery(HostListQuery, await searchParams);
  const [page, clusters] = await Promise.all([pageHosts(db(), filter), listClusters(db())]);
  const hosts = page.items;
  const filtered = Boolean(filter.clusterId || filter.tag || filter.q);
  const sortKey = (filter.sort ?? "name") as SortKey;
  const sort = sortState<SortKey>(sortKey, filter.dir === "desc" ? "desc" : "asc", (s, dir) => listHref("/hosts", filter, { sort: s, dir }));
  const exportHref = (format: string) => listHref("/api/v1/hosts/export", { clusterId: filter.clusterId, tag: filter.tag, q: filter.q, sort: filter.sort, dir: filter.dir, format });
  const now = new Date();
  return (
    <div className="space-y-5">
      <PageHeader
        title="Hosts"
        description="Hypervisors the dashboard manages over SSH."
        actions={
          <>
            <a className={buttonClass("secondary")} href={exportHref("csv")} download><Download aria-hidden size={14} />Export CSV</a>
            <a className={buttonClass("secondary")} href={exportHref("json")} download><Download aria-hidden size={14} />Export JSON</a>
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
          {filter.sort && <input type="hidden" name="sort" value={filter.sort} />}
          {filter.dir && <input type="hidden" name="dir" value={filter.dir} />}
          {filter.limit && <input type="hidden" name="limit" value={filter.limit} />}
          <button type="submit" className={buttonClass("secondary")}>Filter</button>
          {filtered && <Link href={listHref("/hosts", { sort: filter.sort, dir: filter.dir })} className="px-2 py-1.5 text-sm text-sky-700 hover:underline">Clear</Link>}
        </form>
        {page.total === 0 ? (
          <EmptyState title={filtered ? "No host matches this filter" : "No hosts yet"}>
            {filtered ? "Clear the filter to see every host." : clusters.length === 0 ? "Create a cluster first, then add hosts to it." : writer ? "Add a host below or import a CSV/JSON file." : "An operator adds hosts; they will be listed here."}
          </EmptyState>
        ) : (
          <Table label="Hosts">
            <thead><tr><SortTh label="Name" k="name" sort={sort} /><SortTh label="Address" k="address" sort={sort} /><SortTh label="Cluster" k="cluster" sort={sort} /><Th>Policy</Th><Th>Host key</Th><Th>Facts</Th><Th>Tags</Th></tr></thead>
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
        <Pager page={page} path="/hosts" params={filter} />
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
