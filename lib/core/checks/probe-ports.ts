import net from "node:net";
import type { HostConnection } from "@/lib/core/ssh/types";
import { resolveAllowedAddress, type LookupAll } from "@/lib/core/ssh/resolve-address";
import type { Network } from "@/lib/core/inventory/address-policy";
import { isDomainError } from "@/lib/core/errors";
import { PROBE_BATCH, PROBE_TIMEOUT_SECONDS, portProbeArgv, type ProbeTarget } from "./port-probe-script";
import { parsePortProbeOutput, type PortState, type ProbeMethod } from "./parse-port-probes";

export interface DestTarget extends ProbeTarget {
  destId: string;
}

export interface PortCell {
  destId: string;
  port: number;
  state: PortState;
  error: string | null;
}

const key = (address: string, port: number) => `${address} ${port}`;

// Every probe from one source in ONE remote command. Probing changes nothing on the host, so
// it runs as the login user (no sudo).
export async function probePortsFrom(conn: HostConnection, targets: readonly DestTarget[], timeoutSeconds = PROBE_TIMEOUT_SECONDS): Promise<{ method: ProbeMethod; cells: PortCell[] }> {
  if (targets.length === 0) return { method: "none", cells: [] };
  const argv = portProbeArgv(targets, timeoutSeconds);
  const batches = Math.ceil(targets.length / PROBE_BATCH);
  const r = await conn.exec(argv, { sudo: false, timeoutMs: (batches * (timeoutSeconds + 1) + 20) * 1000 });
  const parsed = parsePortProbeOutput(r.stdout);
  const found = new Map(parsed.results.map((p) => [key(p.address, p.port), p]));
  const missing = parsed.complete ? "the probe script printed no result for this port" : `the probe script did not finish (exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().slice(0, 200)}` : ""})`;
  const cells = targets.map((t): PortCell => {
    const p = found.get(key(t.address, t.port));
    if (parsed.method === "none" && parsed.complete) return { destId: t.destId, port: t.port, state: "error", error: "neither bash nor nc is installed on the source" };
    return p ? { destId: t.destId, port: t.port, state: p.state, error: p.error } : { destId: t.destId, port: t.port, state: "error", error: missing };
  });
  return { method: parsed.method, cells };
}

// Node's error codes for a TCP connect, in the matrix's words.
export function classifyNodeError(code: string | undefined): PortState {
  switch (code) {
    case "ECONNREFUSED":
      return "refused";
    case "ETIMEDOUT":
      return "timeout";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unreachable";
    default:
      return "error";
  }
}

export function tcpConnect(ip: string, port: number, timeoutMs: number): Promise<{ state: PortState; error: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: ip, port });
    const done = (state: PortState, error: string | null) => {
      socket.destroy();
      resolve({ state, error });
    };
    socket.setTimeout(timeoutMs, () => done("timeout", `no answer within ${timeoutMs} ms`));
    socket.once("connect", () => done("open", null));
    socket.once("error", (e: NodeJS.ErrnoException) => done(classifyNodeError(e.code), `${e.code ?? "error"}: ${e.message}`));
  });
}

// The dashboard's own view of a port: resolved and checked against the allowed host networks
// first, exactly as an SSH connection would be, so the probe reaches nothing SSH could not.
export async function probeFromDashboard(address: string, port: number, opts: { allowed: readonly Network[]; timeoutMs?: number; lookup?: LookupAll }): Promise<{ state: PortState; error: string | null }> {
  let ip: string;
  try {
    ip = await resolveAllowedAddress(address, opts.allowed, opts.lookup);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { state: e.code === "HOST_UNREACHABLE" ? "unreachable" : "error", error: e.message };
  }
  return tcpConnect(ip, port, opts.timeoutMs ?? PROBE_TIMEOUT_SECONDS * 1000);
}
