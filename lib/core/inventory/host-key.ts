import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { fetchHostKeyFingerprint } from "@/lib/core/ssh/host-key";
import { getHost } from "@/lib/core/inventory/hosts";
import { knownHostKey, recordKnownHostKey } from "@/lib/core/inventory/known-host-keys";
import { allowedHostNetworks } from "@/lib/core/inventory/network-settings";

export interface HostKeyState {
  hostId: string;
  fingerprint: string;
  keyType: string;
  pinned: string | null;
  known: string | null; // the key recorded for this address and port, whatever host row pinned it
  matchesPin: boolean | null;
}

// Trust on first use, made explicit: look at the key the host offers now and remember it as "seen".
export async function observeHostKey(ctx: CoreContext, hostId: string, timeoutMs = 10_000): Promise<HostKeyState> {
  requirePermission(ctx.actor, "hosts:write");
  const host = await getHost(ctx.db, hostId);
  const seen = await fetchHostKeyFingerprint({ address: host.address, port: host.sshPort, timeoutMs, allowedNetworks: await allowedHostNetworks(ctx.db) });
  await ctx.db.host.update({ where: { id: hostId }, data: { hostKeySeen: seen.fingerprint, hostKeySeenAt: ctx.now() } });
  const known = await knownHostKey(ctx.db, { address: host.address, port: host.sshPort });
  const reference = host.hostKey.pinned ?? known;
  return {
    hostId,
    fingerprint: seen.fingerprint,
    keyType: seen.keyType,
    pinned: host.hostKey.pinned,
    known,
    matchesPin: reference ? reference === seen.fingerprint : null,
  };
}

// Pins only what the host offers right now and what the operator confirmed; replacing an
// existing pin (a reinstalled host) is an admin decision and is audited as such. "Existing" means
// the host's own pin or the key recorded for its address and port, so a deleted and re-created
// host row does not count as a first pin.
export async function pinHostKey(ctx: CoreContext, hostId: string, fingerprint: string, timeoutMs = 10_000): Promise<HostKeyState> {
  requirePermission(ctx.actor, "hosts:write");
  const host = await getHost(ctx.db, hostId);
  const endpoint = { address: host.address, port: host.sshPort };
  const known = await knownHostKey(ctx.db, endpoint);
  const previous = [host.hostKey.pinned, known].find((p) => p !== null && p !== fingerprint) ?? null;
  const replacing = previous !== null;
  if (replacing && ctx.actor.role !== "admin") {
    await recordAudit(ctx, { action: "host.pin-key", targetType: "host", targetId: hostId, result: "refused", detail: { reason: "replace needs admin", address: `${endpoint.address}:${endpoint.port}` } });
    const whose = host.hostKey.pinned !== null && host.hostKey.pinned !== fingerprint ? `${host.name} already has a pinned key` : `A different key is recorded for ${endpoint.address}:${endpoint.port}`;
    throw new DomainError("FORBIDDEN", `${whose}; only an admin may replace it`);
  }
  const live = await fetchHostKeyFingerprint({ address: host.address, port: host.sshPort, timeoutMs, allowedNetworks: await allowedHostNetworks(ctx.db) });
  await ctx.db.host.update({ where: { id: hostId }, data: { hostKeySeen: live.fingerprint, hostKeySeenAt: ctx.now() } });
  if (live.fingerprint !== fingerprint) {
    await recordAudit(ctx, { action: "host.pin-key", targetType: "host", targetId: hostId, result: "refused", detail: { offered: live.fingerprint, confirmed: fingerprint } });
    throw new DomainError("PRECONDITION_FAILED", `${host.name} offers ${live.fingerprint}, not the fingerprint you confirmed (${fingerprint}); nothing was pinned`);
  }
  await ctx.db.$transaction(async (tx) => {
    await tx.host.update({ where: { id: hostId }, data: { hostKeyFingerprint: fingerprint } });
    await recordKnownHostKey(tx, endpoint, fingerprint, ctx.actor.name, ctx.now());
  });
  await recordAudit(ctx, { action: replacing ? "host.replace-key" : "host.pin-key", targetType: "host", targetId: hostId, detail: { fingerprint, previous } });
  return { hostId, fingerprint, keyType: live.keyType, pinned: fingerprint, known: fingerprint, matchesPin: true };
}
