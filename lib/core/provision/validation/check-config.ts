import type { ConfValue } from "@/lib/core/config/libvirt-conf";
import { hasListenFlag } from "@/lib/core/facts/detect";
import { FIX, ok, problem, type Finding } from "./findings";
import type { PkiCheckInput } from "./check-input";

const QEMU_DIR = "/etc/pki/qemu";
const MAX_SKEW_S = 60;
const show = (v: ConfValue | undefined) => (v === undefined ? "unset" : JSON.stringify(v));

/** GLib's g_pattern_match_simple, which libvirt uses on tls_allowed_dn_list: only * and ?. */
export function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]")}$`);
  return re.test(text);
}

function listener(input: PkiCheckInput, conf: Record<string, ConfValue>): Finding {
  const { daemon, libvirtMode, snapshot } = input;
  const listening = snapshot.listeningTcpPorts.includes(Number(conf.tls_port ?? 16514));
  const socket = `${daemon}-tls.socket`;
  const unit = snapshot.units[socket];
  const listenTls = conf.listen_tls ?? (daemon === "libvirtd" ? 1 : 0);
  const evidence = [
    libvirtMode === "socket-activation" ? `${socket}: ${unit?.enabled || "unknown"}/${unit?.active || "unknown"}` : `LIBVIRTD_ARGS ${show(snapshot.libvirtdArgs ?? undefined)}, listen_tls ${show(listenTls)}`,
    `TLS port ${listening ? "listening" : "not listening"}`,
  ].join("; ");
  const configured = libvirtMode === "socket-activation"
    ? unit?.enabled === "enabled"
    : libvirtMode === "listen-flag" ? hasListenFlag(snapshot.libvirtdArgs ?? "") && Number(listenTls) === 1 : listening;
  if (configured && listening) return ok("tls-listener", `${daemon} serves TLS`, evidence);
  const message = configured ? `${daemon} is set up for TLS but nothing listens on the TLS port` : `${daemon} does not serve TLS: the certificates are not used`;
  return problem("tls-listener", "error", message, evidence, FIX.provision);
}

type Conf = Record<string, ConfValue>;
const isOne = (v: ConfValue | undefined) => v !== undefined && Number(v) === 1;

// Each way libvirtd or QEMU can end up not checking the peer's certificate.
const VERIFY_RULES: { key: string; file: "libvirtd" | "qemu"; bad: (v: ConfValue | undefined) => boolean; severity: "error" | "warning"; message: string }[] = [
  { key: "tls_no_verify_certificate", file: "libvirtd", bad: isOne, severity: "error", message: "libvirtd accepts bad client certificates" },
  { key: "tls_no_sanity_certificate", file: "libvirtd", bad: isOne, severity: "warning", message: "libvirtd skips its startup check of its own certificates" },
  { key: "migrate_tls_x509_verify", file: "qemu", bad: (v) => v !== undefined && !isOne(v), severity: "error", message: "incoming migrations accept any client" },
  { key: "default_tls_x509_verify", file: "qemu", bad: (v) => v === undefined, severity: "warning", message: "unset: QEMU's verification depends on per-service defaults" },
  { key: "default_tls_x509_verify", file: "qemu", bad: (v) => v !== undefined && !isOne(v), severity: "error", message: "QEMU TLS servers accept clients without certificates" },
];

function verify(conf: Conf, qemu: Conf): Finding[] {
  const out = VERIFY_RULES.flatMap((r) => {
    const v = (r.file === "qemu" ? qemu : conf)[r.key];
    return r.bad(v) ? [problem("tls-verify", r.severity, `${r.key} ${show(v)}: ${r.message}`, `${r.key} = ${show(v)}`, FIX.provision)] : [];
  });
  return out.length > 0 ? out : [ok("tls-verify", "Peers' certificates are verified", `default_tls_x509_verify = 1, tls_no_verify_certificate ${show(conf.tls_no_verify_certificate)}`)];
}

function dnList(input: PkiCheckInput, conf: Record<string, ConfValue>): Finding {
  const list = conf.tls_allowed_dn_list;
  const patterns = Array.isArray(list) ? list : typeof list === "string" ? [list] : null;
  if (!patterns) return problem("dn-list", "warning", "tls_allowed_dn_list is unset: any client with a certificate of the CA is admitted", "unset", FIX.provision);
  const evidence = `tls_allowed_dn_list = ${JSON.stringify(patterns)}`;
  const missing = input.fleetClientDns.filter((dn) => !patterns.some((p) => globMatch(p, dn)));
  if (missing.length > 0) return problem("dn-list", "error", `tls_allowed_dn_list refuses ${missing.join("; ")}: those hosts cannot connect`, evidence, FIX.provision);
  if (patterns.some((p) => globMatch(p, "CN=a-client-nobody-issued,O=elsewhere"))) return problem("dn-list", "warning", "tls_allowed_dn_list admits any DN", evidence, FIX.provision);
  if (input.fleetClientDns.length === 0) return problem("dn-list", "info", "The fleet has no client certificates yet to look for", evidence, null);
  return ok("dn-list", `Admits every fleet client DN (${input.fleetClientDns.length})`, evidence);
}

function certDirs(conf: Record<string, ConfValue>, qemu: Record<string, ConfValue>): Finding {
  const moved = [
    ...(["default_tls_x509_cert_dir", "migrate_tls_x509_cert_dir"] as const).filter((k) => typeof qemu[k] === "string" && qemu[k] !== QEMU_DIR).map((k) => `${k} = ${show(qemu[k])}`),
    ...(["ca_file", "cert_file", "key_file", "crl_file"] as const).filter((k) => conf[k] !== undefined).map((k) => `${k} = ${show(conf[k])}`),
  ];
  if (moved.length === 0) return ok("qemu-tls-dir", "libvirt and QEMU read the files checked here", `QEMU dir ${QEMU_DIR}, libvirt default paths`);
  return problem("qemu-tls-dir", "warning", "The config points elsewhere: the files checked here may not be the ones in use", moved.join("; "), FIX.provision);
}

function clock(input: PkiCheckInput): Finding {
  const { hostClock, readAt } = input.snapshot;
  if (hostClock === null) return problem("clock", "warning", "The host's clock could not be read", "date +%s printed nothing", null);
  const skew = Math.round(hostClock - new Date(readAt).getTime() / 1000);
  const evidence = `host ${new Date(hostClock * 1000).toISOString()}, dashboard ${readAt} (${skew >= 0 ? "+" : ""}${skew} s)`;
  if (Math.abs(skew) > MAX_SKEW_S) return problem("clock", "error", `The host's clock is ${Math.abs(skew)} s off: certificates and CRLs look expired or not yet valid`, evidence, "Fix time synchronisation (NTP) on the host");
  return ok("clock", "Within a minute of the dashboard's", evidence);
}

// The config keys that make libvirtd and QEMU use the files at all, and the host's clock.
export function checkConfig(input: PkiCheckInput): Finding[] {
  const { conf: all, confErrors } = input.snapshot;
  const conf = input.daemon === "virtproxyd" ? all.virtproxyd : all.libvirtd;
  return [
    ...confErrors.map((e) => problem("tls-verify", "warning", e, e, null)),
    listener(input, conf), ...verify(conf, all.qemu), dnList(input, conf), certDirs(conf, all.qemu), clock(input),
  ];
}
