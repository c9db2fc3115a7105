import type { Firewall } from "./facts";

// Pure readers of individual command outputs; each tolerates empty input (tool missing).

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2];
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(["\\$`])/g, "$1");
    else if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export const atLeast = (v: string | null, min: string): boolean => v !== null && compareVersions(v, min) >= 0;

const VERSION = String.raw`(\d+\.\d+(?:\.\d+)?)`;

// Prefer the daemon binaries; fall back to what virsh reports.
export function libvirtVersionFrom(sections: { libvirtd: string; virtqemud: string; virsh: string }): string | null {
  const daemon = new RegExp(`\\(libvirt\\) ${VERSION}`);
  return (
    daemon.exec(sections.libvirtd)?.[1] ??
    daemon.exec(sections.virtqemud)?.[1] ??
    new RegExp(`Running against daemon: ${VERSION}`).exec(sections.virsh)?.[1] ??
    new RegExp(`Using library: libvirt ${VERSION}`).exec(sections.virsh)?.[1] ??
    null
  );
}

export function qemuVersionFrom(sections: { qemu: string; virsh: string }): string | null {
  return (
    new RegExp(`QEMU emulator version ${VERSION}`).exec(sections.qemu)?.[1] ??
    new RegExp(`Running hypervisor: QEMU ${VERSION}`).exec(sections.virsh)?.[1] ??
    null
  );
}

const RPM_FAMILY = ["fedora", "rhel", "centos", "rocky", "almalinux", "alma", "ol", "suse", "opensuse", "sles", "gentoo"];

// Upstream meson defaults (libvirt-tls.md §1); qemu.conf user/group override them.
// The host's own id is checked before its ID_LIKE parents: Ubuntu is "like debian" but differs.
export function distroQemuAccount(id: string, idLike: string[]): { user: string; group: string } {
  for (const x of [id, ...idLike]) {
    if (x === "ubuntu") return { user: "libvirt-qemu", group: "kvm" };
    if (x === "debian" || x === "arch") return { user: "libvirt-qemu", group: "libvirt-qemu" };
    if (RPM_FAMILY.some((n) => x === n || x.startsWith(n + "-"))) return { user: "qemu", group: "qemu" };
  }
  return { user: "root", group: "root" };
}

export function parseLibvirtdArgs(text: string): string | null {
  let value: string | null = null;
  for (const line of text.split("\n")) {
    const m = /^[^:]*:\s*LIBVIRTD_ARGS=(.*)$/.exec(line.trim()) ?? /^\s*LIBVIRTD_ARGS=(.*)$/.exec(line);
    if (!m) continue;
    value = m[1].trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return value;
}

export const hasListenFlag = (args: string): boolean => /(^|\s)(--listen|-l)(\s|$)/.test(args);

export function parseUnits(text: string): Record<string, { enabled: string; active: string }> {
  const out: Record<string, { enabled: string; active: string }> = {};
  for (const line of text.split("\n")) {
    const m = /^(\S+) enabled=(\S*) active=(\S*)$/.exec(line.trim());
    if (m) out[m[1]] = { enabled: m[2], active: m[3] };
  }
  return out;
}

export function parseListeningPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || /^(State|Proto|Active|Netid)$/i.test(cols[0])) continue;
    const m = /:(\d+)$/.exec(cols[3]);
    if (m) ports.add(Number(m[1]));
  }
  return [...ports].sort((a, b) => a - b);
}

export function parseDomains(text: string): Array<{ name: string; state: string }> {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const tab = l.lastIndexOf("\t");
      return tab < 0 ? { name: l, state: "unknown" } : { name: l.slice(0, tab), state: l.slice(tab + 1).trim() || "unknown" };
    });
}

export interface FirewallSections {
  tools: string[];
  firewalldState: string;
  ufwStatus: string;
  nftRuleset: string;
  iptablesInput: string;
}

const TOOL_NAMES: Record<string, Exclude<Firewall, "none">> = {
  "firewall-cmd": "firewalld",
  ufw: "ufw",
  nft: "nftables",
  iptables: "iptables",
};

export function firewallTools(tools: string[]): Array<Exclude<Firewall, "none">> {
  return Object.entries(TOOL_NAMES)
    .filter(([bin]) => tools.includes(bin))
    .map(([, name]) => name);
}

// Chains hooked on input; iptables-nft names its compat chain "INPUT".
function nftInputChains(ruleset: string): string[] {
  return [...ruleset.matchAll(/chain\s+(\S+)\s*\{\s*type\s+filter\s+hook\s+input\b/g)].map((m) => m[1]);
}

// The manager that actually filters input now, in the order a host admin would expect.
export function detectFirewall(s: FirewallSections): Firewall {
  if (s.tools.includes("firewall-cmd") && s.firewalldState.trim() === "running") return "firewalld";
  if (s.tools.includes("ufw") && /^Status:\s*active/m.test(s.ufwStatus)) return "ufw";
  if (s.tools.includes("nft") && nftInputChains(s.nftRuleset).some((c) => c !== "INPUT")) return "nftables";
  const ipt = s.iptablesInput.split("\n").map((l) => l.trim());
  if (s.tools.includes("iptables") && ipt.some((l) => l.startsWith("-A INPUT") || /^-P INPUT (DROP|REJECT)/.test(l))) {
    return "iptables";
  }
  return "none";
}
