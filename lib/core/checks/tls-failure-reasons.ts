// One table from libvirt/QEMU error text to what it means and what fixes it, for the TLS matrix
// and for migration errors alike (shared/reference/libvirt-tls.md §7). The first matching row
// wins, so the specific rows (a blocked migration port) come before the general ones (no route).

export const TLS_FAILURE_REASONS = [
  "unknown-issuer", "hostname-mismatch", "dn-not-allowed", "expired", "not-yet-active", "peer-rejected",
  "credentials-unreadable", "cert-dir-missing", "tls-unsupported", "tls-flag-required", "destination-localhost",
  "migration-port-blocked", "refused", "timeout", "unreachable",
  "migration-aborted", "domain-exists", "own-cert-untrusted", "other",
] as const;
export type TlsFailureReason = (typeof TLS_FAILURE_REASONS)[number];

// Who is talking to whom: {source}, {dest}, {target} (the name or address in the URI) and {ports}
// (the destination's migration range) are filled into the fix text.
export interface FailureContext {
  source?: string;
  dest?: string;
  target?: string;
  ports?: string;
}

interface ReasonRow {
  reason: TlsFailureReason;
  pattern: RegExp;
  explanation: string;
  fix: string;
}

const ROWS: readonly ReasonRow[] = [
  {
    reason: "migration-aborted",
    pattern: /canceled by client|operation aborted: migration|migration (was )?cancel/i,
    explanation: "The migration was aborted (virsh domjobabort: a cancel, or the dashboard's timeout) before it completed; the guest keeps running on the source.",
    fix: "migrate again; for a guest that dirties memory faster than the link copies it, allow more time or use parallel connections",
  },
  {
    reason: "domain-exists",
    pattern: /already exists with uuid|domain '[^']*' already exists|is already (defined|active)/i,
    explanation: "The destination already has a domain of that name (or UUID), so it cannot take the incoming guest.",
    fix: "undefine the stale copy on {dest} (virsh undefine), then migrate again",
  },
  {
    reason: "migration-port-blocked",
    pattern: /drive-mirror.*Failed to connect socket|unable to connect to server at '[^']*:(49[1-9]\d\d|5\d{4}|6\d{4})'|Failed to connect socket.*(No route to host|Connection timed out)/is,
    explanation: "The destination's QEMU migration (or NBD disk) port could not be reached: a firewall drops or rejects it.",
    fix: "open {ports}/tcp on {dest} to {source}: provisioning does this",
  },
  {
    // QEMU checks its own certificate against its own CA file when it loads them (object-add).
    reason: "own-cert-untrusted",
    pattern: /Our own certificate \S+ failed validation against/i,
    explanation: "A host's own QEMU certificate does not verify against that host's own CA file: the CA file was replaced, or the certificate was issued by another CA.",
    fix: "deploy the fleet CA and {dest}'s certificates again: provisioning does this",
  },
  {
    reason: "unknown-issuer",
    pattern: /hasn't got a known issuer|issuer is unknown|signer not found|not trusted/i,
    explanation: "The peer's certificate was not signed by a CA in this side's CA file: the two hosts trust different CAs, or the bundle is incomplete.",
    fix: "deploy the same CA certificate to {source} and {dest}: provisioning does this",
  },
  {
    reason: "hostname-mismatch",
    pattern: /does not match the hostname|owner does not match/i,
    explanation: "The destination's server certificate does not list the name or address the source connected to ({target}) in its subject alternative names.",
    fix: "re-issue {dest}'s certificates with {target} among its names or IPs, then provision it",
  },
  {
    reason: "dn-not-allowed",
    pattern: /Distinguished Name is not on the list|not on the list of allowed clients/i,
    explanation: "The destination's tls_allowed_dn_list does not admit the source's client certificate DN.",
    fix: "add {source}'s client DN (virt-pki-query-dn) to tls_allowed_dn_list on {dest}: provisioning writes the fleet's DNs",
  },
  {
    reason: "expired",
    pattern: /has expired/i,
    explanation: "A certificate in the handshake is past its notAfter date (or a clock is ahead).",
    fix: "renew the certificates of {dest} and {source}, and check both clocks (NTP)",
  },
  {
    reason: "not-yet-active",
    pattern: /not yet active|not yet valid/i,
    explanation: "A certificate in the handshake is not valid yet: a clock is behind, or it was issued with a future notBefore.",
    fix: "fix the clock (NTP) on {source} and {dest}",
  },
  {
    reason: "peer-rejected",
    pattern: /Software caused connection abort|Failed to verify peer's certificate|Cannot read from TLS channel/i,
    explanation: "The other side refused this side's client certificate: missing, expired, not signed by its CA, or without clientAuth.",
    fix: "issue and deploy a client certificate for {source} from the fleet CA: provisioning does this",
  },
  {
    reason: "credentials-unreadable",
    pattern: /Unable to access credentials|Cannot read .*(key|cert).*pem|Permission denied.*pem/i,
    explanation: "The daemon or QEMU cannot read a certificate or key file: owner, mode, SELinux or AppArmor.",
    fix: "fix the owner and mode of the PKI files on {source}: provisioning sets them",
  },
  {
    reason: "cert-dir-missing",
    pattern: /x509_cert_dir directory '[^']*' does not exist|Cannot find CA certificate/i,
    explanation: "qemu.conf points at a certificate directory that does not exist.",
    fix: "deploy the QEMU certificate directory on the host: provisioning does this",
  },
  {
    reason: "tls-unsupported",
    pattern: /TLS migration is not supported|does not support TLS/i,
    explanation: "This QEMU cannot do native TLS migration (QEMU 2.11 and libvirt 4.4.0 are needed).",
    fix: "upgrade QEMU and libvirt on {source} and {dest}",
  },
  {
    reason: "tls-flag-required",
    pattern: /allows migration only with VIR_MIGRATE_TLS/i,
    explanation: "The destination has migrate_tls_force=1 and the migration was started without --tls.",
    fix: "migrate with --tls (the dashboard always does under the tls policy)",
  },
  {
    reason: "destination-localhost",
    pattern: /resolved to localhost, but migration requires an FQDN/i,
    explanation: "The destination's own hostname resolves to a loopback address, so QEMU cannot tell the source where to connect.",
    fix: "set migration_host in {dest}'s qemu.conf, or give the host a migration address",
  },
  {
    reason: "refused",
    pattern: /Connection refused/i,
    explanation: "The destination answered but nothing listens on the libvirt TLS port (16514): TLS is not enabled there, or the daemon is down.",
    fix: "enable the TLS listener on {dest}: provisioning does this",
  },
  {
    reason: "timeout",
    pattern: /timed out|timeout/i,
    explanation: "No answer from the destination: a firewall drops the traffic, or the host is down.",
    fix: "open 16514/tcp on {dest} to {source}: provisioning does this",
  },
  {
    reason: "unreachable",
    pattern: /No route to host|Network is unreachable|Name or service not known|name resolution|Could not resolve/i,
    explanation: "The source has no route to the destination, a firewall rejects the traffic, or the name does not resolve.",
    fix: "check that {source} resolves and routes {target}, and that {dest} accepts 16514/tcp from it",
  },
];

export interface ExplainedFailure {
  reason: TlsFailureReason;
  explanation: string;
  fix: string;
}

function fill(text: string, ctx: FailureContext): string {
  const vars: Record<string, string> = {
    source: ctx.source ?? "the source",
    dest: ctx.dest ?? "the destination",
    target: ctx.target ?? "the destination's name",
    ports: ctx.ports ?? "49152-49215",
  };
  return text.replace(/\{(source|dest|target|ports)\}/g, (_, k: string) => vars[k]);
}

// libvirt error text in, the reason with its explanation and fix out ("other" keeps nothing
// more than the text itself, which the caller stores beside it).
export function explainLibvirtError(text: string, ctx: FailureContext = {}): ExplainedFailure {
  const row = ROWS.find((r) => r.pattern.test(text));
  if (!row) return { reason: "other", explanation: "libvirt reported an error this table does not know; see the raw text.", fix: "read the error text; shared/reference/libvirt-tls.md §7 lists the known ones" };
  return { reason: row.reason, explanation: row.explanation, fix: fill(row.fix, ctx) };
}

export function reasonRow(reason: TlsFailureReason, ctx: FailureContext = {}): ExplainedFailure {
  const row = ROWS.find((r) => r.reason === reason);
  return row ? { reason, explanation: row.explanation, fix: fill(row.fix, ctx) } : explainLibvirtError("", ctx);
}
