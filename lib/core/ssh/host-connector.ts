import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { dashboardPrivateKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { requireKnownKeyAgrees } from "@/lib/core/inventory/known-host-keys";
import { allowedHostNetworks } from "@/lib/core/inventory/network-settings";
import type { HostView } from "@/lib/core/inventory/hosts";
import { openConnection } from "@/lib/core/ssh/connect";
import type { HostConnection } from "@/lib/core/ssh/types";

export type Connector = (host: HostView) => Promise<HostConnection>;

// Nothing talks to a host before an operator has confirmed its SSH host key.
export function requirePinned(host: HostView): string {
  if (!host.hostKey.pinned) {
    throw new DomainError("PRECONDITION_FAILED", `The SSH host key of ${host.name} is not pinned yet: confirm its fingerprint first`);
  }
  return host.hostKey.pinned;
}

// The default way core verbs reach a host: its pinned key, the dashboard's own identity.
export function sshConnector(ctx: Pick<CoreContext, "db" | "secrets">, readyTimeoutMs = 15_000): Connector {
  return async (host) => {
    const pinnedFingerprint = requirePinned(host);
    await requireKnownKeyAgrees(ctx.db, host, pinnedFingerprint);
    return openConnection(
      { address: host.address, port: host.sshPort, username: host.sshUser, privateKey: await dashboardPrivateKey(ctx), pinnedFingerprint },
      { readyTimeoutMs, allowedNetworks: await allowedHostNetworks(ctx.db) },
    );
  };
}

// What a job handler gets as `ctx.ssh`: connections by host id, each opened with the pinned key
// and closed when the job is cancelled (so a remote command in flight is cut off), or when done.
export interface HostConnector {
  open(hostId: string): Promise<{ host: HostView; conn: HostConnection }>;
  use<T>(hostId: string, fn: (conn: HostConnection, host: HostView) => Promise<T>): Promise<T>;
}

export function hostConnector(deps: { loadHost: (id: string) => Promise<HostView>; connect: Connector; signal: AbortSignal }): HostConnector {
  const open = new Set<HostConnection>();
  deps.signal.addEventListener("abort", () => {
    for (const c of open) void c.close();
  }, { once: true });
  const connector: HostConnector = {
    async open(hostId) {
      if (deps.signal.aborted) throw new DomainError("CONFLICT", "The job was cancelled");
      const host = await deps.loadHost(hostId);
      const conn = await deps.connect(host);
      if (deps.signal.aborted) {
        await conn.close();
        throw new DomainError("CONFLICT", "The job was cancelled");
      }
      open.add(conn);
      const close = conn.close.bind(conn);
      conn.close = async () => {
        open.delete(conn);
        await close();
      };
      return { host, conn };
    },
    async use(hostId, fn) {
      const { host, conn } = await connector.open(hostId);
      try {
        return await fn(conn, host);
      } finally {
        await conn.close();
      }
    },
  };
  return connector;
}
