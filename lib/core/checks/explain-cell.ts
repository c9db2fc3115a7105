import type { PortState } from "./parse-port-probes";
import { reasonRow } from "./tls-failure-reasons";
import type { TlsState } from "./tls-probe";

// What one cell of the matrices means and what fixes it, in the words of the page and of the
// host page's blocked pairs. Pure.

export const PORT_GROUPS = ["migration", "tls", "ssh", "plain"] as const;
export type PortGroup = (typeof PORT_GROUPS)[number];

export const GROUP_LABEL: Record<PortGroup, string> = {
  migration: "Migration range", tls: "libvirt TLS (16514)", ssh: "SSH (22)", plain: "libvirt plain TCP (16509)",
};

// ok: as it should be. warn: works, but is a door left open or a path some migrations need.
// bad: blocks a TLS migration. error: could not be probed. none: not checked yet.
export type Tone = "ok" | "warn" | "bad" | "error" | "none";

export interface CellExplained {
  tone: Tone;
  label: string;
  explanation: string;
  fix: string | null;
}

export interface Probe {
  port: number;
  state: PortState;
  error: string | null;
  checkedAt: string;
}

export interface Names {
  source: string;
  dest: string;
}

export function groupOf(port: number): PortGroup {
  if (port === 22) return "ssh";
  if (port === 16514) return "tls";
  if (port === 16509) return "plain";
  return "migration";
}

const blocked = (s: PortState) => s === "timeout" || s === "unreachable";

// The range as probed (first and last port), for the fix text: "49152-49215".
export function rangeOf(probes: readonly Pick<Probe, "port">[]): string {
  const ports = probes.map((p) => p.port).sort((a, b) => a - b);
  return ports.length === 0 ? "" : ports[0] === ports.at(-1) ? String(ports[0]) : `${ports[0]}-${ports.at(-1)}`;
}

function explainMigration(probes: readonly Probe[], n: Names): CellExplained {
  const range = rangeOf(probes);
  const shut = probes.filter((p) => blocked(p.state));
  if (shut.length > 0) {
    const row = reasonRow("migration-port-blocked", { ...n, ports: range });
    const which = shut.length === probes.length ? `${range}: ${shut[0].state}` : `${shut.map((p) => p.port).join(", ")} of ${range}: ${shut[0].state}`;
    return { tone: "bad", label: shut[0].state, explanation: `${row.explanation} (${which})`, fix: row.fix };
  }
  const failed = probes.find((p) => p.state === "error");
  if (failed) return { tone: "error", label: "not probed", explanation: failed.error ?? "the probe could not run", fix: null };
  if (probes.every((p) => p.state === "open")) return { tone: "ok", label: "open", explanation: `${range} reachable, a listener answered`, fix: null };
  return { tone: "ok", label: "reachable", explanation: `${range} reachable: nothing listens until a migration starts (refused is fine here)`, fix: null };
}

function explainSingle(group: Exclude<PortGroup, "migration">, p: Probe, n: Names): CellExplained {
  if (p.state === "error") return { tone: "error", label: "not probed", explanation: p.error ?? "the probe could not run", fix: null };
  if (group === "plain") {
    if (p.state === "open") return { tone: "warn", label: "open", explanation: `libvirt's unencrypted port 16509 on ${n.dest} is reachable from ${n.source}`, fix: `close 16509: provision ${n.dest} tls-only (listen_tcp = 0)` };
    return { tone: "ok", label: p.state === "refused" ? "closed" : "filtered", explanation: `plain TCP 16509 on ${n.dest} is not reachable from ${n.source} (${p.state})`, fix: null };
  }
  if (group === "ssh") {
    if (p.state === "open") return { tone: "ok", label: "open", explanation: `SSH on ${n.dest} reachable from ${n.source}`, fix: null };
    return {
      tone: "warn", label: p.state,
      explanation: `SSH from ${n.source} to ${n.dest} does not get through (${p.state}): only qemu+ssh:// migrations need it`,
      fix: p.state === "refused" ? `start sshd on ${n.dest} if you migrate over qemu+ssh` : `open 22/tcp on ${n.dest} to ${n.source} if you migrate over qemu+ssh`,
    };
  }
  if (p.state === "open") return { tone: "ok", label: "open", explanation: `libvirt TLS on ${n.dest} reachable from ${n.source}`, fix: null };
  const row = reasonRow(p.state, { ...n, target: n.dest });
  return { tone: "bad", label: p.state, explanation: row.explanation, fix: row.fix };
}

export function explainPortCell(group: PortGroup, probes: readonly Probe[], n: Names): CellExplained {
  if (probes.length === 0) return { tone: "none", label: "not checked", explanation: "no result yet: run a check", fix: null };
  return group === "migration" ? explainMigration(probes, n) : explainSingle(group, probes[0], n);
}

export function explainTlsCell(state: TlsState | null, n: Names & { target?: string }): CellExplained {
  if (state === null) return { tone: "none", label: "not checked", explanation: "no result yet: both hosts must serve TLS (facts), then run a check", fix: null };
  if (state === "ok") return { tone: "ok", label: "ok", explanation: `virsh -c qemu+tls://${n.target ?? n.dest}/system from ${n.source} succeeded`, fix: null };
  const row = reasonRow(state, n);
  return { tone: "bad", label: state, explanation: row.explanation, fix: row.fix };
}

// The oldest result behind a cell: the cell is only as fresh as that.
export function oldest(probes: readonly Pick<Probe, "checkedAt">[]): string | null {
  return probes.map((p) => p.checkedAt).sort()[0] ?? null;
}
