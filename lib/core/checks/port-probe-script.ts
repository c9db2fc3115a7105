import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import { NetworkAddress } from "@/lib/core/validation";
import type { HostFacts } from "@/lib/core/facts/facts";

// The ports a migration needs on the destination: SSH, libvirt TLS, libvirt TCP, and the QEMU
// migration range (first, one in between, last).
export const FIXED_PORTS = [22, 16514, 16509] as const;
export const DEFAULT_MIGRATION_RANGE = { min: 49152, max: 49215 } as const;
export const PROBE_TIMEOUT_SECONDS = 2;

export interface ProbeTarget {
  address: string;
  port: number;
}

const Port = z.number().int().min(1).max(65535);

// An address goes to the host as a positional argument, never into the script text, and it
// must not start with "-" (nc would read it as an option): a DNS name or an IP literal only.
export function assertProbeTarget(t: ProbeTarget): void {
  if (!NetworkAddress.safeParse(t.address).success || t.address.startsWith("-")) {
    throw new DomainError("VALIDATION", `Not a probe address: ${JSON.stringify(t.address.slice(0, 64))}`);
  }
  if (!Port.safeParse(t.port).success) throw new DomainError("VALIDATION", `Not a TCP port: ${t.port}`);
}

const confPort = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Port.safeParse(n).success ? n : null;
};

// qemu.conf migration_port_min/max when set (and sane), else libvirt's default range.
export function migrationRange(facts: Pick<HostFacts, "qemuConf"> | null | undefined): { min: number; max: number } {
  const min = confPort(facts?.qemuConf.migration_port_min) ?? DEFAULT_MIGRATION_RANGE.min;
  const max = confPort(facts?.qemuConf.migration_port_max) ?? DEFAULT_MIGRATION_RANGE.max;
  return min <= max ? { min, max } : DEFAULT_MIGRATION_RANGE;
}

export function portsFor(facts: Pick<HostFacts, "qemuConf"> | null | undefined): number[] {
  const { min, max } = migrationRange(facts);
  return [...new Set([...FIXED_PORTS, min, Math.floor((min + max) / 2), max])];
}

// At most this many probes run at once on a source: a 20-host fleet is 114 probes per source.
export const PROBE_BATCH = 32;

// A fixed script: $1 is the timeout in seconds, then address/port pairs. It picks bash's
// /dev/tcp under `timeout`, else nc, runs the probes PROBE_BATCH at a time (so one source takes
// a few timeouts, not one per probe) and prints one tab-separated line per probe with the raw error.
// Each line is one printf shorter than PIPE_BUF, so the parallel writers do not interleave.
export const PORT_PROBE_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
t=$1; shift
has() { command -v "$1" >/dev/null 2>&1; }
if has bash && has timeout; then m=bash; elif has nc; then m=nc; else m=none; fi
printf '::virtshield-probe::method\t%s\n' "$m"
probe() {
  case $m in
    bash) err=$(timeout "$t" bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "$1" "$2" 2>&1 </dev/null) ;;
    nc) if has timeout; then err=$(timeout "$((t + 1))" nc -v -z -w "$t" "$1" "$2" 2>&1 </dev/null)
        else err=$(nc -v -z -w "$t" "$1" "$2" 2>&1 </dev/null); fi ;;
    *) err="neither bash with timeout nor nc is installed"; false ;;
  esac
  rc=$?
  err=$(printf '%s' "$err" | tr '\t\r\n' '   ' | cut -c1-300)
  printf '::virtshield-probe::result\t%s\t%s\t%s\t%s\t%s\n' "$m" "$1" "$2" "$rc" "$err"
}
n=0
while [ $# -ge 2 ]; do
  probe "$1" "$2" &
  shift 2
  n=$((n + 1))
  [ $((n % ${PROBE_BATCH})) -eq 0 ] && wait
done
wait
printf '::virtshield-probe::end\n'
exit 0`;

// argv for conn.exec, which quotes each word: the script and its arguments never mix.
export function portProbeArgv(targets: readonly ProbeTarget[], timeoutSeconds = PROBE_TIMEOUT_SECONDS): string[] {
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 30) {
    throw new DomainError("VALIDATION", "The probe timeout must be 1-30 seconds");
  }
  for (const t of targets) assertProbeTarget(t);
  return ["sh", "-c", PORT_PROBE_SCRIPT, "virtshield-probe", String(timeoutSeconds), ...targets.flatMap((t) => [t.address, String(t.port)])];
}
