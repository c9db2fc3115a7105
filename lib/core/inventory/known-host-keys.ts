import type { Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";

// Pins by SSH address and port, like known_hosts. They outlive host rows, so deleting and
// re-creating a host does not make a new key look like a first pin.

export interface SshEndpoint {
  address: string;
  port: number;
}

// DNS names are case-insensitive; the same host written "HV1" and "hv1" is one endpoint.
function key(endpoint: SshEndpoint): { address: string; port: number } {
  return { address: endpoint.address.trim().toLowerCase(), port: endpoint.port };
}

export async function knownHostKey(db: Db, endpoint: SshEndpoint): Promise<string | null> {
  const row = await db.knownHostKey.findUnique({ where: { address_port: key(endpoint) }, select: { fingerprint: true } });
  return row?.fingerprint ?? null;
}

export async function recordKnownHostKey(db: Pick<Db, "knownHostKey">, endpoint: SshEndpoint, fingerprint: string, pinnedBy: string, at: Date): Promise<void> {
  const where = key(endpoint);
  await db.knownHostKey.upsert({
    where: { address_port: where },
    create: { ...where, fingerprint, pinnedBy, pinnedAt: at },
    update: { fingerprint, pinnedBy, pinnedAt: at },
  });
}

// Before connecting: the host's pin must agree with the key recorded for its address. A pin made
// before the record existed (an upgrade) becomes the record; a disagreeing one is refused.
export async function requireKnownKeyAgrees(db: Db, host: { name: string; address: string; sshPort: number }, pinned: string): Promise<void> {
  const endpoint = { address: host.address, port: host.sshPort };
  let known = await knownHostKey(db, endpoint);
  if (known === null) {
    const row = await db.knownHostKey.upsert({ where: { address_port: key(endpoint) }, create: { ...key(endpoint), fingerprint: pinned, pinnedBy: "existing pin" }, update: {} });
    known = row.fingerprint;
  }
  if (known !== pinned) {
    throw new DomainError(
      "HOST_KEY_MISMATCH",
      `${host.name} is pinned to ${pinned}, but the key recorded for ${endpoint.address}:${endpoint.port} is ${known}: an admin must re-pin the host`,
    );
  }
}
