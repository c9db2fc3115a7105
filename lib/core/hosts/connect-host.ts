import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { dashboardPrivateKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { getHost, type HostView } from "@/lib/core/inventory/hosts";
import { openConnection } from "@/lib/core/ssh/connect";
import type { HostConnection } from "@/lib/core/ssh/types";

export type Connector = (host: HostView) => Promise<HostConnection>;

// The default way core verbs reach a host: its pinned key, the dashboard's own identity.
export function sshConnector(ctx: Pick<CoreContext, "db" | "secrets">, readyTimeoutMs = 15_000): Connector {
  return async (host) => {
    if (!host.hostKey.pinned) {
      throw new DomainError("PRECONDITION_FAILED", `The SSH host key of ${host.name} is not pinned yet: confirm its fingerprint first`);
    }
    return openConnection(
      { address: host.address, port: host.sshPort, username: host.sshUser, privateKey: await dashboardPrivateKey(ctx), pinnedFingerprint: host.hostKey.pinned },
      { readyTimeoutMs },
    );
  };
}

export async function withHost<T>(ctx: CoreContext, connect: Connector, hostId: string, fn: (conn: HostConnection, host: HostView) => Promise<T>): Promise<T> {
  const host = await getHost(ctx.db, hostId);
  const conn = await connect(host);
  try {
    return await fn(conn, host);
  } finally {
    await conn.close();
  }
}
