import { can, type Actor } from "@/lib/core/auth/roles";
import type { HostView } from "@/lib/core/inventory/host-view";
import { defaultMode } from "@/lib/core/provision/gather-plan-input";
import { listBackups } from "@/lib/core/provision/rollback-job";
import { db } from "@/lib/server/db";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { StartJobForm } from "@/components/start-job-form";
import { formatTime } from "@/components/format";
import { ProvisionForm } from "./provision-form";
import { rollbackAction } from "./provision-actions";

// TLS provisioning of the host: its state, a previewed apply, and the backups to go back to.
export async function ProvisionPanel({ host, actor }: { host: HostView; actor: Actor }) {
  const [state, backups] = await Promise.all([db().hostProvision.findUnique({ where: { hostId: host.id } }), listBackups(db(), host.id)]);
  const runner = can(actor.role, "jobs:run");
  return (
    <Card title="TLS provisioning" id="provision" description="Certificates into /etc/pki, libvirtd.conf and qemu.conf for TLS, the TLS listener, firewall rules; backed up, verified, rolled back on failure.">
      <div className="space-y-4">
        <p className="text-sm">
          {state ? <>Converged to <Badge tone={state.mode === "tls-only" ? "green" : "yellow"}>{state.mode}</Badge> on {formatTime(state.appliedAt.toISOString())}.</> : "Not provisioned by virtshield yet."}
        </p>
        {runner && (host.hostKey.pinned ? <ProvisionForm hostId={host.id} defaultMode={(state?.mode as "tls-only" | "tls-alongside" | undefined) ?? defaultMode(host.policy)} /> : <p className="text-sm text-slate-500">Pin the host key first.</p>)}
        {backups.length > 0 && (
          <Table label="Backups">
            <thead><tr><Th>Taken</Th><Th>Files</Th><Th>Where on the host</Th><Th>Restored</Th>{runner && <Th />}</tr></thead>
            <tbody>
              {backups.map((b) => (
                <Tr key={b.id}>
                  <Td className="whitespace-nowrap">{formatTime(b.createdAt)}</Td>
                  <Td>{b.files.length}</Td>
                  <Td className="font-mono text-xs">{b.dir}</Td>
                  <Td>{b.restoredAt ? formatTime(b.restoredAt) : "—"}</Td>
                  {runner && <Td><StartJobForm action={rollbackAction} label="Restore this backup" fields={{ id: host.id, backupId: b.id }} /></Td>}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
