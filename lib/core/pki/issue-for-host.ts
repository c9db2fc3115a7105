import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { getHost, type HostView } from "@/lib/core/inventory/hosts";
import { certificateNames } from "@/lib/core/inventory/host-view";
import { issueHostCertificates, normaliseHostNames } from "@/lib/core/x509";
import { signingCa } from "@/lib/core/pki/active-ca";
import { getPkiSettings } from "@/lib/core/pki/settings";
import { certificateColumns } from "@/lib/core/pki/certificate-rows";

export interface IssuedPair {
  /** The new server certificate's id: what was created. */
  id: string;
  hostId: string;
  clientDn: string;
  server: { id: string; serial: string; notAfter: string; sans: string[] };
  client: { id: string; serial: string; notAfter: string };
}

// Issues (or re-issues) a host's server and client certificates; the previous pair stays as history.
export async function issueForHost(ctx: CoreContext, hostId: string, reason = "issue"): Promise<IssuedPair> {
  requirePermission(ctx.actor, "certs:issue");
  const host = await getHost(ctx.db, hostId);
  const { id: caId, material } = await signingCa(ctx);
  const settings = await getPkiSettings(ctx.db);
  const names = certificateNames(host);
  const pair = await issueHostCertificates({
    ca: material, host: { name: host.name, ...names }, organization: settings.organization,
    validityDays: settings.leafValidityDays, keyBits: settings.leafKeyBits, now: ctx.now(),
  });
  const row = (kind: "server" | "client", c: typeof pair.server) => ({
    hostId, hostName: host.name, caId, kind, source: "issued", ...certificateColumns(c.certificatePem), privateKeyEnc: ctx.secrets.seal(c.privateKeyPem),
  });
  const [, server, client] = await ctx.db.$transaction([
    ctx.db.certificate.updateMany({ where: { hostId, source: "issued", current: true }, data: { current: false } }),
    ctx.db.certificate.create({ data: row("server", pair.server) }),
    ctx.db.certificate.create({ data: row("client", pair.client) }),
  ]);
  await recordAudit(ctx, { action: `certificate.${reason}`, targetType: "host", targetId: hostId, detail: { server: server.serial, client: client.serial } });
  return {
    id: server.id, hostId, clientDn: pair.clientDn,
    server: { id: server.id, serial: server.serial, notAfter: server.notAfter.toISOString(), sans: JSON.parse(server.sans) as string[] },
    client: { id: client.id, serial: client.serial, notAfter: client.notAfter.toISOString() },
  };
}

// The files a host should carry, unsealed, for deployment by provisioning. Never for API answers.
export async function currentHostKeyMaterial(ctx: Pick<CoreContext, "db" | "secrets">, hostId: string) {
  const rows = await ctx.db.certificate.findMany({ where: { hostId, source: "issued", current: true, revokedAt: null } });
  const pick = (kind: string) => {
    const r = rows.find((x) => x.kind === kind);
    if (!r?.privateKeyEnc) throw new DomainError("PRECONDITION_FAILED", `No current ${kind} certificate for this host: issue certificates first`);
    return { certificatePem: r.certificatePem, privateKeyPem: ctx.secrets.open(r.privateKeyEnc), serial: r.serial };
  };
  return { server: pick("server"), client: pick("client") };
}

// Names changed since the current server certificate was issued: it must be re-issued.
export async function sanDrift(db: Db, hostId: string): Promise<{ missing: string[]; extra: string[] } | null> {
  const cert = await db.certificate.findFirst({ where: { hostId, kind: "server", source: "issued", current: true } });
  if (!cert) return null;
  return namesDrift(await getHost(db, hostId), JSON.parse(cert.sans) as string[]);
}

// The names a host's certificate must carry against the SANs it has (`sans` of its row).
export function namesDrift(host: HostView, have: string[]): { missing: string[]; extra: string[] } {
  // Canonical on both sides ("2001:0DB8::2" as typed equals "2001:db8::2" as read back), or drift never settles.
  const names = normaliseHostNames({ name: host.name, ...certificateNames(host) });
  const want = [...names.dnsNames.map((d) => `DNS:${d}`), ...names.ips.map((i) => `IP:${i}`)];
  return { missing: want.filter((w) => !have.includes(w)), extra: have.filter((h) => !want.includes(h)) };
}
