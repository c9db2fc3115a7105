import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { gatherFacts } from "@/lib/core/facts/gather-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import type { HostView } from "@/lib/core/inventory/host-view";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { currentCrl } from "@/lib/core/pki/crl";
import { currentHostKeyMaterial } from "@/lib/core/pki/issue-for-host";
import { gnutlsDn } from "@/lib/core/x509/gnutls-dn";
import type { HostConnection } from "@/lib/core/ssh/types";
import type { PlanInput } from "@/lib/core/provision/plan-provision";
import { readHostState } from "@/lib/core/provision/read-host-state";
import type { ProvisionMode } from "@/lib/core/provision/types";

// The cluster policy picks the default: tls -> tls-only; prefer-tls and legacy -> tls-alongside.
export const defaultMode = (policy: string): ProvisionMode => (policy === "tls" ? "tls-only" : "tls-alongside");

// The fleet is the host's cluster: its client DNs go into tls_allowed_dn_list and its addresses
// into the firewall rules. A peer without a certificate yet is left out (and told about).
export async function fleetOf(ctx: Pick<CoreContext, "db">, host: HostView): Promise<{ clientDns: string[]; addresses: string[]; missing: string[] }> {
  const peers = await ctx.db.host.findMany({
    where: { clusterId: host.clusterId },
    select: { name: true, address: true, migrationAddress: true, ips: true, certificates: { where: { kind: "client", source: "issued", current: true, revokedAt: null }, select: { certificatePem: true } } },
  });
  const clientDns = new Set<string>();
  const addresses = new Set<string>();
  const missing: string[] = [];
  for (const p of peers) {
    const cert = p.certificates[0];
    if (cert) clientDns.add(gnutlsDn(cert.certificatePem));
    else missing.push(p.name);
    for (const a of [p.address, p.migrationAddress, ...(JSON.parse(p.ips) as string[])]) if (a && /^[0-9a-fA-F.:]+$/.test(a)) addresses.add(a);
  }
  return { clientDns: [...clientDns].sort(), addresses: [...addresses].sort(), missing };
}

// Everything a plan needs: fresh facts (stored too), the host's issued pair, the CA and its CRL,
// the fleet, and what the host has now.
export async function gatherPlanInput(ctx: CoreContext, conn: HostConnection, host: HostView, mode?: ProvisionMode): Promise<PlanInput & { missingPeers: string[] }> {
  const ca = await getActiveCa(ctx.db);
  if (!ca) throw new DomainError("PRECONDITION_FAILED", "No certificate authority yet: create or import one first");
  if (ca.mode === "external") throw new DomainError("PRECONDITION_FAILED", "Certificates are managed externally: virtshield deploys only certificates it issued");
  const { server, client } = await currentHostKeyMaterial(ctx, host.id);
  const crlPem = await currentCrl(ctx.db).catch(() => null);
  const facts = await gatherFacts(conn, ctx.now());
  await saveFacts(ctx.db, host.id, facts, ctx.now());
  if (!facts.libvirtInstalled) throw new DomainError("PRECONDITION_FAILED", `libvirt is not installed on ${host.name}`);
  const fleet = await fleetOf(ctx, host);
  const observed = await readHostState(conn, facts);
  return {
    host: { id: host.id, name: host.name },
    facts,
    mode: mode ?? defaultMode(host.policy),
    material: { caPem: ca.certificatePem, crlPem, server, client },
    fleet,
    observed,
    missingPeers: fleet.missing,
  };
}
