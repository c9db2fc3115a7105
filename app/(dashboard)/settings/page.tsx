import type { Metadata } from "next";
import { can } from "@/lib/core/auth/roles";
import { listUsers } from "@/lib/core/auth/users";
import { listApiTokens } from "@/lib/core/auth/api-tokens";
import { listSessions } from "@/lib/core/auth/sessions";
import { totpStatus } from "@/lib/core/auth/totp";
import { getAuthSettings } from "@/lib/core/auth/auth-settings";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { currentSession, requirePageActor } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { Card, PageHeader } from "@/components/ui/card";
import { SshKeyPanel } from "@/components/ssh-key-panel";
import { NetworkSettingsCard } from "./network-settings-card";
import { MyAccountCard, SessionsTable, TokensCard, UsersCard } from "./account-cards";
import { ShareLinksCard } from "./share-links-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageActor("read");
  const ctx = serverContext(actor);
  const admin = can(actor.role, "users:admin");
  const [key, session, mySessions, totp] = await Promise.all([
    ensureDashboardSshKey(ctx), currentSession(), listSessions(ctx), totpStatus(ctx.db, actor.id ?? ""),
  ]);
  const [users, tokens, allSessions, auth] = admin
    ? await Promise.all([listUsers(ctx.db), listApiTokens(ctx.db), listSessions(ctx, { all: true }), getAuthSettings(ctx.db)])
    : [[], [], [], { requireAdminTotp: false }];
  return (
    <div className="space-y-5">
      <PageHeader title="Settings" description={admin ? "Your account, users, sessions, API tokens and the dashboard's SSH identity." : "Your account and the dashboard's SSH identity. Users and tokens are managed by admins."} />
      <MyAccountCard name={actor.name} totp={totp} sessions={mySessions} currentSessionId={session?.sessionId} />
      <Card title="Dashboard SSH key" description="Install it in ~/.ssh/authorized_keys of the SSH user on every hypervisor.">
        <SshKeyPanel publicKey={key.publicKey} />
      </Card>
      {admin && <NetworkSettingsCard />}
      {admin && <UsersCard users={users} requireAdminTotp={auth.requireAdminTotp} />}
      {admin && (
        <Card title="Sessions" description="Everyone's active sessions; idle ones end on their own.">
          <SessionsTable label="All sessions" sessions={allSessions} currentSessionId={session?.sessionId} showUser />
        </Card>
      )}
      {admin && <TokensCard tokens={tokens} now={new Date()} />}
      {admin && <ShareLinksCard />}
    </div>
  );
}
