import { parseLibvirtConf, type ConfValue } from "@/lib/core/config/libvirt-conf";
import { HostFacts, LIBVIRTD_CONF_KEYS, QEMU_CONF_KEYS } from "./facts";
import {
  atLeast, detectFirewall, distroQemuAccount, firewallTools, hasListenFlag, libvirtVersionFrom,
  parseDomains, parseLibvirtdArgs, parseListeningPorts, parseOsRelease, parseUnits, qemuVersionFrom,
} from "./detect";

const MARKER = /^::virtshield::([a-z0-9-]+)::$/;

export function splitSections(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (name !== null) out[name] = buf.join("\n").replace(/^\n+|\n+$/g, "");
  };
  for (const line of text.split("\n")) {
    const m = MARKER.exec(line);
    if (m) {
      flush();
      name = m[1];
      buf = [];
    } else if (name !== null) {
      buf.push(line);
    }
  }
  flush();
  return out;
}

function pickConf(
  text: string,
  keys: readonly string[],
  file: string,
  warnings: string[],
): Record<string, ConfValue> {
  if (text.trim() === "") return {};
  try {
    const all = parseLibvirtConf(text);
    return Object.fromEntries(keys.filter((k) => Object.hasOwn(all, k)).map((k) => [k, all[k]]));
  } catch (e) {
    warnings.push(`${file} could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

type Units = Record<string, { enabled: string; active: string }>;
const enabled = (u: Units, name: string) => u[name]?.enabled === "enabled";
const active = (u: Units, name: string) => u[name]?.active === "active";

const SOCKETS = ["libvirtd.socket", "libvirtd-tls.socket", "libvirtd-tcp.socket", "virtqemud.socket", "virtproxyd.socket", "virtproxyd-tls.socket"];

// Socket units win over --listen (libvirtd refuses --listen when activated); modular hosts
// serve TLS from virtproxyd unless the monolithic libvirtd is still enabled.
function detectDaemon(get: (k: string) => string, warnings: string[]) {
  const units = parseUnits(get("units"));
  const libvirtdArgs = parseLibvirtdArgs(get("libvirtd-args"));
  const processes = get("processes").split("\n").filter(Boolean);
  const socketActivated = SOCKETS.some((u) => enabled(units, u));
  const argsListen = libvirtdArgs !== null && hasListenFlag(libvirtdArgs);
  const listenFlag = argsListen || processes.some((p) => /^(\S*\/)?libvirtd\s/.test(p) && hasListenFlag(p));
  if (socketActivated && argsListen) {
    warnings.push("LIBVIRTD_ARGS has --listen while libvirt socket units are enabled: libvirtd refuses to start so");
  }
  const proxy = ["virtproxyd.socket", "virtproxyd-tls.socket"].some((u) => enabled(units, u)) || active(units, "virtproxyd.service");
  const monolithic = ["libvirtd.socket", "libvirtd.service"].some((u) => enabled(units, u)) || active(units, "libvirtd.service");
  return {
    units,
    libvirtdArgs,
    libvirtMode: socketActivated ? "socket-activation" : listenFlag ? "listen-flag" : "unknown",
    tlsDaemon: proxy && !monolithic ? "virtproxyd" : "libvirtd",
  } as const;
}

function detectOs(text: string) {
  const osr = parseOsRelease(text);
  return {
    id: osr.ID ?? "unknown",
    idLike: (osr.ID_LIKE ?? "").split(/\s+/).filter(Boolean),
    versionId: osr.VERSION_ID ?? "",
    prettyName: osr.PRETTY_NAME ?? osr.NAME ?? "unknown",
  };
}

// oslo.config booleans; only the two keys the audit needs are printed by the script.
export function parseNovaConf(text: string): NonNullable<HostFacts["nova"]> {
  const lines = text.split("\n").map((l) => l.trim());
  const bool = (key: string) => {
    const v = lines.map((l) => new RegExp(`^${key}\\s*=\\s*(\\S+)`).exec(l)?.[1]?.toLowerCase()).filter(Boolean).pop();
    return v === undefined ? null : ["true", "yes", "on", "1"].includes(v);
  };
  return { confPresent: lines[0] === "present", liveMigrationTunnelled: bool("live_migration_tunnelled"), liveMigrationWithNativeTls: bool("live_migration_with_native_tls") };
}

// `date +%s` against the dashboard's time; undefined when the section is missing (older script)
// or holds no number.
export function parseClock(text: string | undefined, now: Date): HostFacts["clock"] {
  const m = /^\s*(\d+)\s*$/.exec(text?.split("\n")[0] ?? "");
  if (!m) return undefined;
  const hostEpochSeconds = Number(m[1]);
  return { hostEpochSeconds, skewSeconds: hostEpochSeconds - Math.round(now.getTime() / 1000) };
}

// Cyrus SASL takes the first mech_list line and splits it on blanks; undefined when the section is
// missing (older script), [] when the file has no mech_list.
export function parseSaslMechanisms(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const value = text.split("\n").map((l) => /^\s*mech_list\s*:\s*(.*)$/.exec(l)?.[1]).find((v) => v !== undefined);
  return (value ?? "").split(/[\s,]+/).filter(Boolean).map((m) => m.toLowerCase());
}

// Pure: the text printed by FACTS_SCRIPT in, validated HostFacts out.
export function parseFactsOutput(text: string, now: Date): HostFacts {
  const sections = splitSections(text);
  const get = (k: string) => sections[k] ?? "";
  const warnings: string[] = [];
  const os = detectOs(get("os-release"));
  const virsh = get("virsh-version");
  const libvirtVersion = libvirtVersionFrom({ libvirtd: get("libvirtd-version"), virtqemud: get("virtqemud-version"), virsh });
  const qemuVersion = qemuVersionFrom({ qemu: get("qemu-version"), virsh });
  const libvirtReachable = /Running hypervisor:/.test(virsh);
  if (libvirtVersion !== null && !libvirtReachable) {
    warnings.push("libvirt is installed but qemu:///system did not answer: the domain list may be incomplete");
  }
  const daemon = detectDaemon(get, warnings);
  const libvirtdConfPath = `/etc/libvirt/${daemon.tlsDaemon}.conf`;
  const libvirtdConf = pickConf(get(`${daemon.tlsDaemon}-conf`), LIBVIRTD_CONF_KEYS, libvirtdConfPath, warnings);
  const qemuConf = pickConf(get("qemu-conf"), QEMU_CONF_KEYS, "/etc/libvirt/qemu.conf", warnings);
  const distro = distroQemuAccount(os.id, os.idLike);
  const confUser = typeof qemuConf.user === "string" ? qemuConf.user : undefined;
  const confGroup = typeof qemuConf.group === "string" ? qemuConf.group : undefined;
  const tools = get("tools").split("\n").map((t) => t.trim()).filter(Boolean);
  const ports = parseListeningPorts(get("listening"));

  return HostFacts.parse({
    gatheredAt: now.toISOString(),
    hostname: get("hostname").split("\n")[0]?.trim() || "unknown",
    os,
    libvirtInstalled: libvirtVersion !== null,
    libvirtVersion,
    libvirtReachable,
    qemuVersion,
    nativeTlsSupported: atLeast(libvirtVersion, "4.4.0") && atLeast(qemuVersion, "2.11"),
    migrateTlsForceSupported: atLeast(libvirtVersion, "6.10.0"),
    ...daemon,
    qemuUser: confUser ?? distro.user,
    qemuGroup: confGroup ?? distro.group,
    qemuUserSource: confUser !== undefined || confGroup !== undefined ? "qemu.conf" : "distro-default",
    firewall: detectFirewall({
      tools,
      firewalldState: get("firewalld-state"),
      ufwStatus: get("ufw-status"),
      nftRuleset: get("nft-ruleset"),
      iptablesInput: get("iptables-input"),
    }),
    firewallTools: firewallTools(tools),
    libvirtdConfPath,
    libvirtdConf,
    qemuConf,
    virtAdminTlsUpdate: tools.includes("virt-admin"),
    libvirtMigrateDirExists: get("pki-dirs").split("\n").includes("/etc/pki/libvirt-migrate"),
    domains: parseDomains(get("domains")),
    listeningPorts: { tcp16509: ports.includes(16509), tls16514: ports.includes(16514) },
    listeningTcpPorts: ports,
    nova: parseNovaConf(get("nova-conf")),
    clock: parseClock(sections.clock, now),
    saslMechanisms: parseSaslMechanisms(sections["sasl-mech"]),
    warnings,
  });
}
