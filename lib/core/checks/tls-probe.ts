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

export function tlsProbeUri(target: string): string {
  if (!NetworkAddress.safeParse(target).success || target.startsWith("-")) {
    throw new DomainError("VALIDATION", `Not a TLS probe target: ${JSON.stringify(target.slice(0, 64))}`);
  }
  return `qemu+tls://${target.includes(":") ? `[${target}]` : target}/system`;
}

// At most this many virsh run at once on a source.
export const TLS_PROBE_BATCH = 8;

// A fixed script: $1 is the timeout, then one virsh URI per destination. One SSH command for all
// of a source's destinations (not one session, shell and sudo per destination), TLS_PROBE_BATCH
// virsh at a time, each under `timeout` (exit 124 reads as "timeout", not a dropped channel).
// Then one line per URI, in order, its error text on the same line: whatever a destination puts
// into an error message cannot start a line of its own.
export const TLS_PROBE_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
t=$1; shift
d=$(mktemp -d) || exit 1
trap 'rm -rf -- "$d"' EXIT
i=0
for uri in "$@"; do
  ( timeout "$t" virsh -c "$uri" hostname >/dev/null 2>"$d/$i.err" </dev/null; echo $? >"$d/$i.rc" ) &
  i=$((i + 1))
  [ $((i % ${TLS_PROBE_BATCH})) -eq 0 ] && wait
done
wait
i=0
for uri in "$@"; do
  rc=$(cat "$d/$i.rc" 2>/dev/null) || rc=255
  printf '::virtshield-tls::result\t%s\t%s\t' "$i" "$rc"
  tr '\t\r\n' '   ' <"$d/$i.err" 2>/dev/null | head -c 600
  printf '
'
  i=$((i + 1))
done
printf '::virtshield-tls::end\n'`;

export function tlsProbesArgv(targets: readonly string[], timeoutSeconds = TLS_PROBE_TIMEOUT_SECONDS): string[] {
  return ["sh", "-c", TLS_PROBE_SCRIPT, "virtshield-tls", String(timeoutSeconds), ...targets.map(tlsProbeUri)];
}

// The exit code and error text per URI, by position; a missing line stays missing.
export function parseTlsProbeOutput(stdout: string): { results: Map<number, { code: number; stderr: string }>; complete: boolean } {
  const results = new Map<number, { code: number; stderr: string }>();
  let complete = false;
  for (const line of stdout.split("\n")) {
    if (line === "::virtshield-tls::end") complete = true;
    const f = line.split("\t");
    if (f[0] !== "::virtshield-tls::result" || f.length < 3) continue;
    const [i, code] = [Number(f[1]), Number(f[2])];
    if (Number.isInteger(i) && Number.isInteger(code)) results.set(i, { code, stderr: f.slice(3).join(" ") });
  }
  return { results, complete };
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

const SWEEP_MARK = "::virtshield-tls::";
const SWEEP_URI = /^qemu\+tls:\/\/[A-Za-z0-9.:[\]-]+\/system$/;

// The sweep: one virsh that connects to each destination in turn. Starting virsh is most of a
// probe's cost (~15 of ~22 ms of CPU on the source), and a matrix is hundreds of probes. A
// destination counts as ok when its `uri` follows its marker: after a failed connect virsh keeps
// the previous connection, so a wrong one never passes. virsh flushes after each command, so a
// sweep cut off by its timeout still tells which destinations it got through.
// A second per destination on top of one probe's timeout: a sweep over a slow link that runs out
// of time only sends the rest to be probed alone.
export const sweepSeconds = (n: number) => TLS_PROBE_TIMEOUT_SECONDS + n;

export function tlsSweepArgv(targets: readonly string[], timeoutSeconds = sweepSeconds(targets.length)): string[] {
  const uris = targets.map(tlsProbeUri);
  // virsh parses the line itself: only URIs without quotes, spaces or separators go in.
  for (const u of uris) if (!SWEEP_URI.test(u)) throw new DomainError("VALIDATION", `Not a TLS probe target: ${JSON.stringify(u.slice(0, 80))}`);
  return ["timeout", String(timeoutSeconds), "virsh", uris.map((u, i) => `echo ${SWEEP_MARK}${i}; connect ${u}; uri`).join("; ")];
}

export function parseTlsSweep(stdout: string, targets: readonly string[]): Set<number> {
  const ok = new Set<number>();
  let at = -1;
  for (const line of stdout.split("\n").map((l) => l.trim())) {
    if (line.startsWith(SWEEP_MARK)) at = Number(line.slice(SWEEP_MARK.length));
    else if (at >= 0 && at < targets.length && line === tlsProbeUri(targets[at])) ok.add(at);
  }
  return ok;
}

// Run as root (the client certificate a migration uses is root's). With `swept`, the destinations
// whose 16514 answered go through one sweep first, and only the rest (and what the sweep did not
// pass) get a virsh of their own, for libvirt's error text.
export async function probeTlsFrom(conn: HostConnection, sourceName: string, dests: readonly TlsDest[], opts: { swept?: ReadonlySet<string> } = {}): Promise<TlsCell[]> {
  if (dests.length === 0) return [];
  const sweep = opts.swept ? dests.filter((d) => opts.swept!.has(d.destId)) : [];
  const passed = new Set<string>();
  if (sweep.length > 1) {
    // A failed sweep only means every destination is probed alone.
    const r = await conn.exec(tlsSweepArgv(sweep.map((d) => d.target)), { timeoutMs: (sweepSeconds(sweep.length) + 15) * 1000 }).catch(() => null);
    if (r) for (const i of parseTlsSweep(r.stdout, sweep.map((d) => d.target))) passed.add(sweep[i].destId);
  }
  const alone = await probeEachAlone(conn, sourceName, dests.filter((d) => !passed.has(d.destId)));
  return dests.map((d) => (passed.has(d.destId) ? { destId: d.destId, target: d.target, state: "ok", error: null } : alone.get(d.destId)!));
}

// One virsh per destination, all of them in one command on the source.
async function probeEachAlone(conn: HostConnection, sourceName: string, dests: readonly TlsDest[]): Promise<Map<string, TlsCell>> {
  const out = new Map<string, TlsCell>();
  if (dests.length === 0) return out;
  const argv = tlsProbesArgv(dests.map((d) => d.target));
  const batches = Math.ceil(dests.length / TLS_PROBE_BATCH);
  let parsed: ReturnType<typeof parseTlsProbeOutput>;
  try {
    const r = await conn.exec(argv, { timeoutMs: (TLS_PROBE_TIMEOUT_SECONDS * batches + 15) * 1000 });
    parsed = parseTlsProbeOutput(r.stdout);
    if (!parsed.complete && parsed.results.size === 0) throw new DomainError("REMOTE_COMMAND_FAILED", `The TLS probes did not run on ${sourceName} (exit ${r.code}): ${r.stderr.trim().slice(0, 300)}`);
  } catch (e) {
    if (!(e instanceof DomainError && e.code === "REMOTE_COMMAND_FAILED")) throw e;
    for (const d of dests) out.set(d.destId, { destId: d.destId, target: d.target, state: "timeout", error: e.message });
    return out;
  }
  dests.forEach((d, i) => {
    const r = parsed.results.get(i);
    out.set(d.destId, r
      ? { destId: d.destId, target: d.target, ...classifyTlsResult(r.code, r.stderr, { source: sourceName, dest: d.name, target: d.target }) }
      : { destId: d.destId, target: d.target, state: "timeout", error: `no answer from the probe of ${d.target}` });
  });
  return out;
}
