import Link from "next/link";
import type { PublicUser } from "@/lib/core/auth/users";
import type { PublicSession } from "@/lib/core/auth/sessions";
import type { PublicApiToken } from "@/lib/core/auth/api-tokens";
import { Card, EmptyState } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatTime } from "@/components/format";
import { CreateTokenForm, CreateUserForm, RevokeTokenForm } from "./settings-forms";
import { AuthSettingsForm, ChangePasswordForm, EndSessionForm, UserActions } from "./account-forms";

export function MyAccountCard({ name, totp, sessions, currentSessionId }: { name: string; totp: { enabled: boolean; recoveryCodesLeft: number }; sessions: PublicSession[]; currentSessionId?: string }) {
  return (
    <Card title={`My account (${name})`}>
      <div className="space-y-5">
        <ChangePasswordForm />
        <p className="text-sm">
          Two-factor login: {totp.enabled ? <Badge tone="green">on</Badge> : <Badge>off</Badge>}
          {totp.enabled && <span className="text-slate-600"> ({totp.recoveryCodesLeft} recovery codes left)</span>}{" "}
          <Link href="/two-factor" className="text-sky-700 underline">{totp.enabled ? "Manage" : "Turn on"}</Link>
        </p>
        <SessionsTable label="My sessions" sessions={sessions} currentSessionId={currentSessionId} showUser={false} />
      </div>
    </Card>
  );
}

export function SessionsTable({ label, sessions, currentSessionId, showUser }: { label: string; sessions: PublicSession[]; currentSessionId?: string; showUser: boolean }) {
  if (sessions.length === 0) return <EmptyState title="No active sessions" />;
  return (
    <Table label={label}>
      <thead><tr>{showUser && <Th>User</Th>}<Th>From</Th><Th>Started</Th><Th>Last seen</Th><Th>Expires</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
      <tbody>
        {sessions.map((s) => (
          <Tr key={s.id}>
            {showUser && <Td className="font-medium">{s.userName}</Td>}
            <Td className="font-mono text-xs">{s.address ?? "—"}</Td>
            <Td className="text-slate-600">{formatTime(s.createdAt)}</Td>
            <Td className="text-slate-600">{formatTime(s.lastSeenAt)}</Td>
            <Td className="text-slate-600">{formatTime(s.expiresAt)}</Td>
            <Td>{s.id === currentSessionId ? <Badge tone="blue">this one</Badge> : <EndSessionForm id={s.id} label={`${s.userName} ${s.address ?? ""}`} />}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function UsersCard({ users, requireAdminTotp }: { users: PublicUser[]; requireAdminTotp: boolean }) {
  return (
    <Card title="Users" description="Disabling a user ends their sessions and the API tokens they created at once.">
      <div className="space-y-4">
        <CreateUserForm />
        <Table label="Users">
          <thead><tr><Th>Name</Th><Th>Role</Th><Th>Status</Th><Th>Two-factor</Th><Th>Created</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
          <tbody>
            {users.map((u) => (
              <Tr key={u.id}>
                <Td className="font-medium">{u.name}</Td>
                <Td><Badge>{u.role}</Badge></Td>
                <Td>{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">enabled</Badge>}</Td>
                <Td>{u.totpEnabled ? <Badge tone="green">on</Badge> : <Badge>off</Badge>}</Td>
                <Td className="text-slate-600">{formatTime(u.createdAt.toISOString())}</Td>
                <Td><UserActions id={u.id} name={u.name} role={u.role} disabled={u.disabled} totp={u.totpEnabled} /></Td>
              </Tr>
            ))}
          </tbody>
        </Table>
        <AuthSettingsForm requireAdminTotp={requireAdminTotp} />
      </div>
    </Card>
  );
}

export function TokensCard({ tokens, now }: { tokens: PublicApiToken[]; now: Date }) {
  const status = (t: PublicApiToken) =>
    t.revokedAt ? <Badge tone="red">revoked</Badge> : t.expiresAt && new Date(t.expiresAt) <= now ? <Badge tone="yellow">expired</Badge> : <Badge tone="green">active</Badge>;
  return (
    <Card title="API tokens" description="For scripts: send Authorization: Bearer <token> to /api/v1.">
      <div className="space-y-4">
        <CreateTokenForm />
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens">Create one above, or run <code className="font-mono">npm run cli -- token create --role viewer</code>.</EmptyState>
        ) : (
          <Table label="API tokens">
            <thead><tr><Th>Name</Th><Th>Role</Th><Th>Created</Th><Th>Last used</Th><Th>Expires</Th><Th>Status</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <Tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td><Badge>{t.role}</Badge></Td>
                  <Td className="text-slate-600">{formatTime(t.createdAt)}{t.createdBy ? ` by ${t.createdBy}` : ""}</Td>
                  <Td className="text-slate-600">{t.lastUsedAt ? formatTime(t.lastUsedAt) : "never"}</Td>
                  <Td className="text-slate-600">{t.expiresAt ? formatTime(t.expiresAt) : "never"}</Td>
                  <Td>{status(t)}</Td>
                  <Td>{!t.revokedAt && <RevokeTokenForm id={t.id} name={t.name} />}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
