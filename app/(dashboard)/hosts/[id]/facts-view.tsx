import type { ReactNode } from "react";
import type { HostFacts } from "@/lib/core/facts/facts";
import { Badge } from "@/components/ui/badge";
import { formatTime } from "@/components/format";

type Conf = Record<string, string | number | string[] | undefined>;

function confValue(conf: Conf | undefined, key: string): string {
  const v = conf?.[key];
  if (v === undefined) return "(default)";
  return Array.isArray(v) ? v.join(", ") : String(v);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 border-t border-slate-100 py-1.5 text-sm first:border-t-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

// Facts come from a schema that is still growing; every field is optional here.
export function FactsView({ facts, gatheredAt }: { facts: Partial<HostFacts>; gatheredAt: string }) {
  const units = Object.entries(facts.units ?? {});
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">Gathered {formatTime(gatheredAt)}{facts.hostname ? ` from ${facts.hostname}` : ""}</p>
      <dl aria-label="Host facts">
        <Row label="Operating system">{facts.os?.prettyName ?? "—"}</Row>
        <Row label="libvirt version"><span className="font-mono">{facts.libvirtVersion ?? (facts.libvirtInstalled === false ? "not installed" : "—")}</span></Row>
        <Row label="QEMU version"><span className="font-mono">{facts.qemuVersion ?? "—"}</span></Row>
        <Row label="Native TLS support">
          {facts.nativeTlsSupported === undefined ? "—" : facts.nativeTlsSupported ? <Badge tone="green">supported</Badge> : <Badge tone="red">too old (needs libvirt ≥ 4.4.0, QEMU ≥ 2.11)</Badge>}
          {facts.migrateTlsForceSupported === false && <span className="ml-2 text-xs text-slate-500">no migrate_tls_force</span>}
        </Row>
        <Row label="libvirt mode">{facts.libvirtMode === "socket-activation" ? "systemd socket activation" : facts.libvirtMode === "listen-flag" ? `--listen flag${facts.libvirtdArgs ? ` (LIBVIRTD_ARGS=${facts.libvirtdArgs})` : ""}` : (facts.libvirtMode ?? "—")}</Row>
        <Row label="TLS daemon">{facts.tlsDaemon ?? "—"}{facts.libvirtdConfPath ? <span className="ml-2 font-mono text-xs text-slate-500">{facts.libvirtdConfPath}</span> : null}</Row>
        <Row label="QEMU user:group"><span className="font-mono">{facts.qemuUser ?? "?"}:{facts.qemuGroup ?? "?"}</span>{facts.qemuUserSource ? <span className="ml-2 text-xs text-slate-500">from {facts.qemuUserSource}</span> : null}</Row>
        <Row label="Firewall">{facts.firewall ?? "—"}{facts.firewallTools?.length ? <span className="ml-2 text-xs text-slate-500">tools: {facts.firewallTools.join(", ")}</span> : null}</Row>
        <Row label="libvirtd.conf">
          <span className="font-mono text-xs">
            listen_tcp={confValue(facts.libvirtdConf, "listen_tcp")} auth_tcp={confValue(facts.libvirtdConf, "auth_tcp")} listen_tls={confValue(facts.libvirtdConf, "listen_tls")}
          </span>
        </Row>
        <Row label="Listening">
          {facts.listeningPorts ? (
            <span className="flex gap-2">
              <Badge tone={facts.listeningPorts.tcp16509 ? "red" : "gray"}>16509 tcp {facts.listeningPorts.tcp16509 ? "open" : "closed"}</Badge>
              <Badge tone={facts.listeningPorts.tls16514 ? "green" : "gray"}>16514 tls {facts.listeningPorts.tls16514 ? "open" : "closed"}</Badge>
            </span>
          ) : "—"}
        </Row>
        {units.length > 0 && <Row label="Units"><span className="text-xs">{units.map(([u, s]) => `${u}: ${s.enabled || "?"}/${s.active || "?"}`).join(" · ")}</span></Row>}
        <Row label="Domains">
          {facts.domains?.length ? (
            <ul className="space-y-0.5">{facts.domains.map((d) => <li key={d.name}><span className="font-mono text-xs">{d.name}</span> <Badge tone={d.state === "running" ? "green" : "gray"}>{d.state}</Badge></li>)}</ul>
          ) : "none"}
        </Row>
      </dl>
      {facts.warnings?.length ? (
        <ul aria-label="Fact warnings" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-800">
          {facts.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
