import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/core/auth/roles";
import { listClusters } from "@/lib/core/inventory/clusters";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { PolicyBadge, POLICY_HELP } from "@/components/policy-badge";
import { formatTime } from "@/components/format";
import { ClusterRowControls, CreateClusterForm } from "./cluster-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const actor = await requirePageActor("read");
  const admin = can(actor.role, "clusters:write");
  const clusters = await listClusters(db());
  return (
    <div className="space-y-5">
      <PageHeader title="Clusters" description="Each cluster carries the security policy its migrations follow." />
      <Card title="Policies">
        <dl className="grid gap-1 text-sm md:grid-cols-3">
          {Object.entries(POLICY_HELP).map(([p, help]) => (
            <div key={p}><dt className="inline"><PolicyBadge policy={p} /></dt> <dd className="inline text-slate-600">{help}</dd></div>
          ))}
        </dl>
      </Card>
      {admin && (
        <Card title="New cluster" description="Only admins create clusters and change their policy.">
          <CreateClusterForm />
        </Card>
      )}
      <Card title="All clusters">
        {clusters.length === 0 ? (
          <EmptyState title="No clusters yet">{admin ? "Create one above, then add hosts to it." : "An admin creates clusters; then hosts can be added."}</EmptyState>
        ) : (
          <Table label="Clusters">
            <thead><tr><Th>Name</Th><Th>Policy</Th><Th>Hosts</Th><Th>Created</Th>{admin && <Th>Actions</Th>}</tr></thead>
            <tbody>
              {clusters.map((c) => (
                <Tr key={c.id}>
                  <Td className="font-medium">{c.name}</Td>
                  <Td><PolicyBadge policy={c.policy} /></Td>
                  <Td><Link className="text-sky-700 hover:underline" href={`/hosts?clusterId=${c.id}`}>{c.hostCount}</Link></Td>
                  <Td className="text-slate-600">{formatTime(c.createdAt)}</Td>
                  {admin && <Td><ClusterRowControls id={c.id} name={c.name} policy={c.policy} migrationParallel={c.migrationParallel} /></Td>}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
