import type { HostFacts } from "@/lib/core/facts/facts";
import { atLeast } from "@/lib/core/facts/detect";
import { daysLeft } from "@/lib/core/x509/expiry";
import { tlsEnabled } from "./tls-probe";

// The security audit: one table of rules, each with its severity, its fix and the page that
// fixes it, judged purely from what is stored (facts, certificate rows, cluster policy, pins).
// The clock and the SASL mechanisms are only known from facts gathered since they were read.

export const SEVERITIES = ["critical", "high", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AuditCertificate {
  kind: string;
  source: string;
  path: string | null;
  serial: string;
  notAfter: Date;
}

export interface AuditHost {
  id: string;
  name: string;
  clusterId: string;
  clusterName: string;
  policy: string;
  sshUser: string;
  hostKeyPinned: boolean;
  facts: HostFacts | null;
  certificates: AuditCertificate[];
}

export interface Hit {
  message: string;
  evidence: string;
  /** Where one rule has degrees (a clock a little or far off): overrides the rule's severity. */
  severity?: Severity;
  /** A fix that names the host; the rule's fix otherwise. */
  fix?: string;
}

export interface AuditRule {
  rule: string;
  severity: Severity;
  fix: string;
  // Where the action that fixes it lives: a fragment of the host's page, or the clusters page.
  anchor: "provision" | "host-certificates" | "host-key" | "facts" | "edit" | "cluster";
  check: (h: AuditHost, now: Date) => Hit[];
}

const on = (v: unknown) => v === 1 || v === "1";
const off = (v: unknown) => v === 0 || v === "0";
const conf = (f: HostFacts, k: keyof HostFacts["libvirtdConf"]) => f.libvirtdConf[k];
const show = (k: string, v: unknown) => `${k} = ${v === undefined ? "(unset)" : JSON.stringify(v)}`;
const unitOn = (f: HostFacts, u: string) => f.units[u]?.enabled === "enabled" || f.units[u]?.active === "active";

// libvirt serves plain TCP when 16509 listens, a TCP socket unit is on, or --listen with listen_tcp = 1.
export function tcpListening(f: HostFacts): boolean {
  return f.listeningPorts.tcp16509 || ["libvirtd-tcp.socket"].some((u) => unitOn(f, u)) || (f.libvirtMode === "listen-flag" && on(conf(f, "listen_tcp")));
}

function tcpEvidence(f: HostFacts): string {
  return [`${f.libvirtdConfPath}: ${show("listen_tcp", conf(f, "listen_tcp"))}, ${show("auth_tcp", conf(f, "auth_tcp"))}`, f.listeningPorts.tcp16509 ? "16509 listening" : "16509 not listening"].join("; ");
}

const withFacts = (fn: (f: HostFacts, h: AuditHost, now: Date) => Hit[]) => (h: AuditHost, now: Date) => (h.facts && h.facts.libvirtInstalled ? fn(h.facts, h, now) : []);

// RFC 6331 moved DIGEST-MD5 to Historic; SCRAM-SHA-1 rests on SHA-1 and has no security layer.
const WEAK_SASL = ["digest-md5", "scram-sha-1"];
const CLOCK_WARN_S = 60;
const CLOCK_HIGH_S = 300;

function saslHits(f: HostFacts, h: AuditHost): Hit[] {
  const mechs = f.saslMechanisms;
  const unknown = (why: string): Hit[] => [{ message: `${h.name} serves libvirt over plain TCP with SASL; whether its mechanism is a weak one (DIGEST-MD5, SCRAM-SHA-1) is not known: ${why}`, evidence: tcpEvidence(f) }];
  if (mechs === undefined) return unknown("these facts predate reading the SASL mechanism list (gather facts again)");
  if (mechs.length === 0) return unknown("/etc/sasl2/libvirt.conf sets no mech_list, so every installed SASL plugin is offered");
  const weak = mechs.filter((m) => WEAK_SASL.includes(m));
  if (weak.length === 0) return [];
  return [{
    severity: "high",
    message: `${h.name} serves libvirt over plain TCP with SASL ${weak.map((m) => m.toUpperCase()).join(" and ")}: insecure (DIGEST-MD5 is obsolete, RFC 6331; SCRAM-SHA-1 relies on SHA-1), and on plain TCP the SASL layer is all that protects the connection`,
    evidence: `${tcpEvidence(f)}; /etc/sasl2/libvirt.conf: mech_list: ${mechs.join(" ")}`,
  }];
}

// Skew is measured once, when facts were gathered; stale facts report the skew of that moment.
function clockHits(f: HostFacts, h: AuditHost): Hit[] {
  const c = f.clock;
  const off = c ? Math.abs(c.skewSeconds) : 0;
  if (!c || off <= CLOCK_WARN_S) return [];
  const way = c.skewSeconds > 0 ? "ahead of" : "behind";
  return [{
    severity: off > CLOCK_HIGH_S ? "high" : "warning",
    message: `${h.name}'s clock is ${off} s ${way} the dashboard's: TLS certificates' validity windows and libvirt's certificate sanity check depend on it (a host behind sees a fresh certificate as not yet valid, one ahead sees it expire early)`,
    evidence: `date +%s on ${h.name} = ${c.hostEpochSeconds} when facts were gathered at ${f.gatheredAt} (skew ${c.skewSeconds > 0 ? "+" : ""}${c.skewSeconds} s)`,
    fix: `enable NTP (chrony or systemd-timesyncd) on ${h.name}`,
  }];
}

const dnList = (f: HostFacts): string[] | undefined => {
  const v = conf(f, "tls_allowed_dn_list");
  return v === undefined ? undefined : Array.isArray(v) ? v : [String(v)];
};

export const AUDIT_RULES: readonly AuditRule[] = [
  {
    rule: "facts-missing",
    severity: "info",
    fix: "gather facts for this host",
    anchor: "facts",
    check: (h) => (h.facts ? [] : [{ message: `No facts for ${h.name}: its configuration is not audited`, evidence: "facts never gathered" }]),
  },
  {
    rule: "tcp-no-auth",
    severity: "critical",
    fix: "turn off the TCP listener (listen_tcp = 0) or require SASL; provision the host with TLS (tls-only) to close it (OSSN-0007)",
    anchor: "provision",
    check: withFacts((f, h) => (tcpListening(f) && conf(f, "auth_tcp") === "none" ? [{ message: `${h.name} accepts unauthenticated libvirt connections over plain TCP: anyone who reaches 16509 controls every guest (OSSN-0007)`, evidence: tcpEvidence(f) }] : [])),
  },
  {
    rule: "tcp-sasl-mechanism",
    severity: "warning",
    fix: "set mech_list in /etc/sasl2/libvirt.conf to gssapi (not DIGEST-MD5 or SCRAM-SHA-1), or close TCP by provisioning TLS",
    anchor: "provision",
    // auth_tcp unset means sasl; a known strong mech_list (gssapi) is not a finding.
    check: withFacts((f, h) => (tcpListening(f) && conf(f, "auth_tcp") !== "none" ? saslHits(f, h) : [])),
  },
  {
    rule: "tls-no-verify-certificate",
    severity: "high",
    fix: "set tls_no_verify_certificate = 0 (provisioning does)",
    anchor: "provision",
    check: withFacts((f, h) => (on(conf(f, "tls_no_verify_certificate")) ? [{ message: `${h.name} accepts TLS clients without checking their certificates`, evidence: `${f.libvirtdConfPath}: ${show("tls_no_verify_certificate", 1)}` }] : [])),
  },
  {
    rule: "tls-dn-list-missing",
    severity: "warning",
    fix: "set tls_allowed_dn_list to the fleet's client DNs (provisioning does)",
    anchor: "provision",
    check: withFacts((f, h) => {
      const list = dnList(f);
      if (!tlsEnabled(f) || (list && list.length > 0)) return [];
      const message = list ? `${h.name}'s tls_allowed_dn_list is empty: no TLS client is admitted, so migrations into it fail` : `${h.name} has no tls_allowed_dn_list: any client certificate from a trusted CA is admitted`;
      return [{ message, evidence: `${f.libvirtdConfPath}: ${show("tls_allowed_dn_list", conf(f, "tls_allowed_dn_list"))}` }];
    }),
  },
  {
    rule: "tls-dn-list-everyone",
    severity: "high",
    fix: "replace the \"*\" entry of tls_allowed_dn_list with the fleet's client DNs (provisioning does)",
    anchor: "provision",
    check: withFacts((f, h) => {
      const all = (dnList(f) ?? []).filter((dn) => /^\*+$/.test(dn.trim()));
      return all.length ? [{ message: `${h.name}'s tls_allowed_dn_list admits every client DN`, evidence: `${f.libvirtdConfPath}: ${show("tls_allowed_dn_list", conf(f, "tls_allowed_dn_list"))}` }] : [];
    }),
  },
  {
    rule: "listen-all-interfaces",
    severity: "warning",
    fix: "set listen_addr to the management or migration address, and filter 16509/16514 to the fleet (provisioning opens only what migration needs)",
    anchor: "provision",
    check: withFacts((f, h) => {
      const addr = conf(f, "listen_addr");
      const listening = tcpListening(f) || tlsEnabled(f);
      const wildcard = addr === undefined || ["0.0.0.0", "::", "[::]", ""].includes(String(addr));
      return listening && wildcard ? [{ message: `${h.name}'s libvirt listener is bound to every interface`, evidence: `${f.libvirtdConfPath}: ${show("listen_addr", addr)} (${f.libvirtMode})` }] : [];
    }),
  },
  {
    rule: "migrate-tls-force-off",
    severity: "warning",
    fix: "set migrate_tls_force = 1 in qemu.conf (provisioning does under the tls policy)",
    anchor: "provision",
    check: withFacts((f, h) => (f.migrateTlsForceSupported && !on(f.qemuConf.migrate_tls_force)
      ? [{ message: `${h.name} silently accepts a migration without --tls (plain text)`, evidence: `/etc/libvirt/qemu.conf: ${show("migrate_tls_force", f.qemuConf.migrate_tls_force)}; libvirt ${f.libvirtVersion}` }] : [])),
  },
  {
    rule: "qemu-tls-verify-off",
    severity: "high",
    fix: "remove default_tls_x509_verify = 0 / migrate_tls_x509_verify = 0 from qemu.conf (provisioning does)",
    anchor: "provision",
    check: withFacts((f, h) => {
      const keys = (["default_tls_x509_verify", "migrate_tls_x509_verify"] as const).filter((k) => off(f.qemuConf[k]));
      return keys.length ? [{ message: `${h.name}'s QEMU accepts migration peers without a client certificate`, evidence: `/etc/libvirt/qemu.conf: ${keys.map((k) => show(k, 0)).join(", ")}` }] : [];
    }),
  },
  {
    rule: "nova-tunnelled-with-native-tls",
    severity: "high",
    fix: "set live_migration_tunnelled = false and live_migration_with_native_tls = true in the [libvirt] section of /etc/nova/nova.conf",
    anchor: "facts",
    check: withFacts((f, h) => {
      const n = f.nova;
      if (!n?.confPresent || n.liveMigrationTunnelled !== true || !(n.liveMigrationWithNativeTls === true || tlsEnabled(f))) return [];
      return [{ message: `${h.name}'s nova.conf tunnels live migrations through libvirtd while native TLS is in use: the two do not go together`, evidence: `/etc/nova/nova.conf: live_migration_tunnelled = true, live_migration_with_native_tls = ${n.liveMigrationWithNativeTls ?? "(unset)"}${tlsEnabled(f) ? "; libvirt TLS listening" : ""}` }];
    }),
  },
  {
    rule: "versions-too-old",
    severity: "high",
    fix: "upgrade libvirt to 4.4.0 or later and QEMU to 2.11 or later",
    anchor: "facts",
    check: withFacts((f, h) => {
      const old = [!atLeast(f.libvirtVersion, "4.4.0") && `libvirt ${f.libvirtVersion ?? "unknown"} < 4.4.0`, !atLeast(f.qemuVersion, "2.11") && `QEMU ${f.qemuVersion ?? "unknown"} < 2.11`].filter((x): x is string => Boolean(x));
      return old.length ? [{ message: `${h.name} is too old for native TLS migration`, evidence: old.join(", ") }] : [];
    }),
  },
  {
    rule: "certificate-expired",
    severity: "critical",
    fix: "renew the host's certificates and provision them",
    anchor: "host-certificates",
    check: (h, now) => h.certificates.filter((c) => c.notAfter <= now).map((c) => ({ message: `${h.name}'s ${c.kind} certificate has expired`, evidence: certEvidence(c, now) })),
  },
  {
    rule: "certificate-expiring",
    severity: "warning",
    fix: "renew the host's certificates (renewal runs 30 days ahead when enabled)",
    anchor: "host-certificates",
    check: (h, now) => h.certificates.filter((c) => c.notAfter > now && daysLeft(c.notAfter, now) < 30).map((c) => ({ message: `${h.name}'s ${c.kind} certificate expires in ${daysLeft(c.notAfter, now)} days`, evidence: certEvidence(c, now) })),
  },
  {
    rule: "clock-off",
    severity: "warning",
    fix: "enable NTP (chrony or systemd-timesyncd) on the host",
    anchor: "facts",
    // Not withFacts: a host without libvirt yet still gets certificates.
    check: (h) => (h.facts ? clockHits(h.facts, h) : []),
  },
  {
    rule: "policy-allows-plain-tcp",
    severity: "warning",
    fix: "set the cluster's policy to tls once every host is provisioned",
    anchor: "cluster",
    check: (h) => (h.policy === "prefer-tls" || h.policy === "legacy" ? [{ message: `Cluster ${h.clusterName} (policy ${h.policy}) lets ${h.name} migrate over plain TCP`, evidence: `cluster policy = ${h.policy}` }] : []),
  },
  {
    rule: "host-key-unpinned",
    severity: "warning",
    fix: "confirm the host's SSH key fingerprint and pin it",
    anchor: "host-key",
    check: (h) => (h.hostKeyPinned ? [] : [{ message: `${h.name}'s SSH host key is not pinned: the dashboard will not connect`, evidence: "no pinned fingerprint" }]),
  },
  {
    rule: "ssh-as-root",
    severity: "info",
    fix: "log in as a user with sudo rights instead of root, and remove the dashboard's key from root's authorized_keys",
    anchor: "edit",
    check: (h) => (h.sshUser === "root" ? [{ message: `The dashboard's key is authorised for root on ${h.name}; a sudo user would do`, evidence: "sshUser = root" }] : []),
  },
];

function certEvidence(c: AuditCertificate, now: Date): string {
  return `${c.source} ${c.kind} certificate ${c.path ?? ""} serial ${c.serial}, notAfter ${c.notAfter.toISOString()} (${daysLeft(c.notAfter, now)} days)`.replace(/\s+/g, " ");
}

export function actionFor(rule: AuditRule, h: Pick<AuditHost, "id">): string {
  return rule.anchor === "cluster" ? "/clusters" : `/hosts/${encodeURIComponent(h.id)}#${rule.anchor}`;
}
