import type { HostFacts } from "@/lib/core/facts/facts";
import { tcpListening } from "./audit-rules";
import { tlsEnabled } from "./tls-probe";

// Where a host stands on the road from "plain TCP, no auth" to "TLS only", for the overview,
// the wall screen and /metrics alike. Pure: the loader gathers the evidence.
export const HOST_TLS_STATES = ["tls-only", "tls-alongside", "insecure", "no-tls", "unreachable", "unknown"] as const;
export type HostTlsState = (typeof HOST_TLS_STATES)[number];

// The wall screen's three words: ready (serves TLS, no open door), at risk, unreachable.
export type Readiness = "ready" | "at-risk" | "unreachable";
export const READINESS: Record<HostTlsState, Readiness> = {
  "tls-only": "ready", "tls-alongside": "ready", insecure: "at-risk", "no-tls": "at-risk", unknown: "at-risk", unreachable: "unreachable",
};

// SSH failures that mean the dashboard cannot reach the host at all.
export const UNREACHABLE_CODES = ["HOST_UNREACHABLE", "SSH_AUTH_FAILED", "HOST_KEY_MISMATCH"] as const;

export interface HostTlsEvidence {
  facts: HostFacts | null;
  factsGatheredAt: Date | null;
  // What provisioning last converged the host to, and when.
  provision: { mode: string; appliedAt: Date } | null;
  // The last time the dashboard reached the host over SSH (a gather, a probe from it), and the
  // last time it failed to, with why.
  lastReached: Date | null;
  lastFailure: { at: Date; message: string } | null;
}

export interface HostTlsVerdict {
  state: HostTlsState;
  reason: string;
}

function fromFacts(f: HostFacts): HostTlsVerdict {
  if (!f.libvirtInstalled) return { state: "no-tls", reason: "libvirt is not installed" };
  const tls = tlsEnabled(f);
  const tcp = tcpListening(f);
  if (tcp && f.libvirtdConf.auth_tcp === "none") return { state: "insecure", reason: "libvirt listens on plain TCP (16509) without authentication (auth_tcp = none)" };
  if (tls && tcp) return { state: "tls-alongside", reason: "TLS on 16514, plain TCP with authentication still open on 16509" };
  if (tls) return { state: "tls-only", reason: "TLS on 16514, plain TCP closed" };
  return { state: "no-tls", reason: tcp ? "plain TCP with authentication only, no TLS listener" : "no TLS listener" };
}

const after = (a: Date | null | undefined, b: Date | null | undefined) => Boolean(a) && (!b || a!.getTime() > b.getTime());

// The freshest evidence wins: a failed connection after the last success says unreachable;
// provisioning after the last gather says what it converged to; otherwise the facts speak.
export function classifyHostTls(e: HostTlsEvidence): HostTlsVerdict {
  const reached = [e.lastReached, e.factsGatheredAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  if (e.lastFailure && after(e.lastFailure.at, reached)) return { state: "unreachable", reason: e.lastFailure.message };
  const mode = e.provision?.mode;
  if ((mode === "tls-only" || mode === "tls-alongside") && (!e.facts || after(e.provision!.appliedAt, e.factsGatheredAt))) {
    return { state: mode, reason: `provisioned ${mode}; facts not gathered since` };
  }
  if (!e.facts) return { state: "unknown", reason: "facts never gathered" };
  return fromFacts(e.facts);
}

export function countByReadiness(states: readonly HostTlsState[]): Record<Readiness, number> {
  const out: Record<Readiness, number> = { ready: 0, "at-risk": 0, unreachable: 0 };
  for (const s of states) out[READINESS[s]] += 1;
  return out;
}

export function countByState(states: readonly HostTlsState[]): Record<HostTlsState, number> {
  const out = Object.fromEntries(HOST_TLS_STATES.map((s) => [s, 0])) as Record<HostTlsState, number>;
  for (const s of states) out[s] += 1;
  return out;
}
