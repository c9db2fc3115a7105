import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { dashboardPrivateKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { requireKnownKeyAgrees } from "@/lib/core/inventory/known-host-keys";
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
      { readyTimeoutMs },
    );
  };
}
