import { DomainError } from "@/lib/core/errors";
import { NetworkAddress } from "@/lib/core/validation";
import type { HostFacts } from "@/lib/core/facts/facts";
import type { HostConnection } from "@/lib/core/ssh/types";
import { explainLibvirtError, type FailureContext, type TlsFailureReason } from "./tls-failure-reasons";

export const TLS_PROBE_TIMEOUT_SECONDS = 15;

export type TlsState = "ok" | TlsFailureReason;

export interface TlsCell {
  destId: string;
  target: string;
  state: TlsState;
  error: string | null;
}

const on = (v: unknown) => v === 1 || v === "1";

type TlsFacts = Pick<HostFacts, "libvirtdConf" | "units" | "listeningPorts">;

// A host serves libvirt over TLS when its config says so, a TLS socket unit is on, or 16514 listens.
export function tlsEnabled(facts: TlsFacts | null | undefined): boolean {
  if (!facts) return false;
  const socketOn = ["libvirtd-tls.socket", "virtproxyd-tls.socket"].some((u) => facts.units[u]?.enabled === "enabled" || facts.units[u]?.active === "active");
  return on(facts.libvirtdConf.listen_tls) || socketOn || facts.listeningPorts.tls16514;
}

// The name a --p2p migration would put in its URI: the migration address when one is set, else
// the host's name (which its certificate carries).
export function tlsTarget(host: { name: string; migrationAddress: string | null }): string {
  return host.migrationAddress ?? host.name;
}

export function tlsProbeArgv(target: string, timeoutSeconds = TLS_PROBE_TIMEOUT_SECONDS): string[] {
  if (!NetworkAddress.safeParse(target).success || target.startsWith("-")) {
    throw new DomainError("VALIDATION", `Not a TLS probe target: ${JSON.stringify(target.slice(0, 64))}`);
  }
  const host = target.includes(":") ? `[${target}]` : target;
  // `timeout` on the host gives exit 124 that we read as "timeout", rather than a dropped channel.
  return ["timeout", String(timeoutSeconds), "virsh", "-c", `qemu+tls://${host}/system`, "hostname"];
}

export function classifyTlsResult(code: number, stderr: string, ctx: FailureContext = {}): { state: TlsState; error: string | null } {
  const text = stderr.replace(/\s+/g, " ").trim();
  if (code === 0) return { state: "ok", error: null };
  if (code === 124 || code === 137) return { state: "timeout", error: text || `no answer within ${TLS_PROBE_TIMEOUT_SECONDS} s` };
  return { state: explainLibvirtError(text, ctx).reason, error: text.slice(0, 500) || `virsh exited ${code}` };
}

export interface TlsDest {
  destId: string;
  name: string;
  target: string;
}

// One virsh per destination, run as root (the client certificate a migration uses is root's),
// in parallel over the one connection (its channel limiter keeps the count sane).
export async function probeTlsFrom(conn: HostConnection, sourceName: string, dests: readonly TlsDest[]): Promise<TlsCell[]> {
  return Promise.all(dests.map(async (d): Promise<TlsCell> => {
    const argv = tlsProbeArgv(d.target);
    try {
      const r = await conn.exec(argv, { timeoutMs: (TLS_PROBE_TIMEOUT_SECONDS + 15) * 1000 });
      return { destId: d.destId, target: d.target, ...classifyTlsResult(r.code, r.stderr, { source: sourceName, dest: d.name, target: d.target }) };
    } catch (e) {
      if (e instanceof DomainError && e.code === "REMOTE_COMMAND_FAILED") return { destId: d.destId, target: d.target, state: "timeout", error: e.message };
      throw e;
    }
  }));
}
