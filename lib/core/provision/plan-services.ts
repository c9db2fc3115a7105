import { createPatch } from "diff";
import type { HostFacts } from "@/lib/core/facts/facts";
import type { ConfigChange, ObservedState, ProvisionMode, ServiceAction } from "@/lib/core/provision/types";

export function argsFilePath(facts: HostFacts): string {
  const debian = facts.os.id === "debian" || facts.os.id === "ubuntu" || facts.os.idLike.includes("debian");
  return debian ? "/etc/default/libvirtd" : "/etc/sysconfig/libvirtd";
}

// A libvirtd with neither sockets nor --listen serves no network at all: give it --listen
// (never together with sockets: libvirtd refuses to start then, libvirt-tls.md §4).
export function planArgsFile(facts: HostFacts, observed: ObservedState): ConfigChange | null {
  if (facts.tlsDaemon !== "libvirtd" || facts.libvirtMode !== "unknown") return null;
  const path = argsFilePath(facts);
  const before = observed.texts[path] ?? "";
  const line = /^[ \t]*LIBVIRTD_ARGS=(["']?)(.*)\1[ \t]*$/m.exec(before);
  const args = line ? line[2].trim() : "";
  if (/(^|\s)(--listen|-l)(\s|$)/.test(args)) return null;
  const wanted = `LIBVIRTD_ARGS="${[args, "--listen"].filter(Boolean).join(" ")}"`;
  const after = line ? before.replace(line[0], wanted) : `${before}${before && !before.endsWith("\n") ? "\n" : ""}${wanted}\n`;
  return { path, changes: { LIBVIRTD_ARGS: wanted.slice("LIBVIRTD_ARGS=".length) }, before, after, diff: createPatch(path, before, after, "now", "planned"), action: "replace" };
}

// Sockets under activation, else a restart; a change of certificates alone is reloaded in
// place with virt-admin where the host has it, so running guests never notice.
export function planServices(facts: HostFacts, mode: ProvisionMode, changed: { files: boolean; configs: boolean }): ServiceAction[] {
  const daemon = facts.tlsDaemon;
  const out: ServiceAction[] = [];
  const sockets = facts.libvirtMode === "socket-activation";
  if (sockets) {
    const tls = `${daemon}-tls.socket`;
    const tcp = `${daemon}-tcp.socket`;
    if (facts.units[tls]?.enabled !== "enabled" || facts.units[tls]?.active !== "active") out.push({ kind: "enable-socket", unit: tls });
    if (mode === "tls-only" && (facts.units[tcp]?.enabled === "enabled" || facts.units[tcp]?.active === "active")) out.push({ kind: "disable-socket", unit: tcp });
  }
  if (!changed.files && !changed.configs && out.length === 0) return [];
  if (changed.files && !changed.configs && out.length === 0 && facts.virtAdminTlsUpdate) return [{ kind: "update-tls", daemon }];
  out.push({ kind: "restart", unit: `${daemon}.service` });
  return out;
}
