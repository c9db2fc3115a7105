import type { Metadata } from "next";
import { can } from "@/lib/core/auth/roles";
import { listUsers } from "@/lib/core/auth/users";
import { listApiTokens } from "@/lib/core/auth/api-tokens";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { requirePageActor } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { SshKeyPanel } from "@/components/ssh-key-panel";
import { formatTime } from "@/components/format";
import { CreateTokenForm, CreateUserForm, RevokeTokenForm } from "./settings-forms";
import { NetworkSettingsCard } from "./network-settings-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageActor("read");
  const ctx = serverContext(actor);
  const admin = can(actor.role, "users:admin");
  const [key, users, tokens] = await Promise.all([ensureDashboardSshKey(ctx), admin ? listUsers(ctx.db) : [], admin ? listApiTokens(ctx.db) : []]);
  return (
    <div className="space-y-5">
      <PageHeader title="Settings" description={admin ? "Users, API tokens and the dashboard's SSH identity." : "The dashboard's SSH identity. Users and tokens are managed by admins."} />
      <Card title="Dashboard SSH key" description="Install it in ~/.ssh/authorized_keys of the SSH user on every hypervisor.">
        <SshKeyPanel publicKey={key.publicKey} />
      </Card>
      {admin && <NetworkSettingsCard />}
      {admin && (
        <Card title="Users">
          <div className="space-y-4">
            <CreateUserForm />
            <Table label="Users">
              <thead><tr><Th>Name</Th><Th>Role</Th><Th>Created</Th></tr></thead>
              <tbody>
                {users.map((u) => (
                  <Tr key={u.id}><Td className="font-medium">{u.name}</Td><Td><Badge>{u.role}</Badge></Td><Td className="text-slate-600">{formatTime(u.createdAt.toISOString())}</Td></Tr>
                ))}
              </tbody>
            </Table>
          </div>
        </Card>
      )}
      {admin && (
        <Card title="API tokens" description="For scripts: send Authorization: Bearer <token> to /api/v1.">
          <div className="space-y-4">
            <CreateTokenForm />
            {tokens.length === 0 ? (
              <EmptyState title="No API tokens">Create one above, or run <code className="font-mono">npm run cli -- token create --role viewer</code>.</EmptyState>
            ) : (
              <Table label="API tokens">
                <thead><tr><Th>Name</Th><Th>Role</Th><Th>Created</Th><Th>Last used</Th><Th>Status</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
                <tbody>
                  {tokens.map((t) => (
                    <Tr key={t.id}>
                      <Td className="font-medium">{t.name}</Td>
                      <Td><Badge>{t.role}</Badge></Td>
                      <Td className="text-slate-600">{formatTime(t.createdAt)}{t.createdBy ? ` by ${t.createdBy}` : ""}</Td>
                      <Td className="text-slate-600">{formatTime(t.lastUsedAt)}</Td>
                      <Td>{t.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}</Td>
                      <Td>{!t.revokedAt && <RevokeTokenForm id={t.id} name={t.name} />}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
