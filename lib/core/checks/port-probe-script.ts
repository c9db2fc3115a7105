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

// The probes under bash: each one a forked subshell opening /dev/tcp (no program started per
// probe: the old `timeout bash -c` with tr and cut was ~6 processes a probe, 700 a source, and
// that was most of a 20-host matrix's CPU). A batch gets the timeout as a whole: 50 ms ticks on
// a FIFO (`read -t`, a builtin), then what has not answered is killed and reported as rc 124.
// Results go to files in a private temp dir, read back with builtins. No single quote in here:
// the sh script below passes it to bash inside one.
export const BASH_PROBES = `t=$1; shift
d=$(mktemp -d) || exit 1
cleanup() { rm -rf -- "$d"; }
trap cleanup EXIT
mkfifo "$d/tick" && exec 9<>"$d/tick" || exit 1
printf -v ws "\\t\\r\\n"
printf "::virtshield-probe::method\\tbash\\n"
probe() {
  if { command exec 3<>"/dev/tcp/$2/$3"; } 2>"$d/$1.err"; then echo 0 >"$d/$1.rc"; else echo 1 >"$d/$1.rc"; fi
}
args=("$@"); n=$(( \${#args[@]} / 2 )); i=0
while [ "$i" -lt "$n" ]; do
  batch=()
  while [ "$i" -lt "$n" ] && [ "\${#batch[@]}" -lt ${PROBE_BATCH} ]; do
    probe "$i" "\${args[2*i]}" "\${args[2*i+1]}" &
    batch+=("$i:$!"); i=$((i + 1))
  done
  for ((k = 0; k < t * 20; k++)); do
    left=0; for b in "\${batch[@]}"; do [ -s "$d/\${b%%:*}.rc" ] || { left=1; break; }; done
    [ "$left" = 0 ] && break
    read -r -t 0.05 -u 9 _
  done
  for b in "\${batch[@]}"; do [ -s "$d/\${b%%:*}.rc" ] || kill "\${b#*:}" 2>/dev/null; done
  wait
  for b in "\${batch[@]}"; do
    x=\${b%%:*}; rc=124; err=""
    if [ -s "$d/$x.rc" ]; then read -r rc <"$d/$x.rc"; IFS= read -r -d "" err <"$d/$x.err"; fi
    err=\${err//[$ws]/ }
    printf "::virtshield-probe::result\\tbash\\t%s\\t%s\\t%s\\t%s\\n" "\${args[2*x]}" "\${args[2*x+1]}" "$rc" "\${err:0:300}"
  done
done
printf "::virtshield-probe::end\\n"`;

// A fixed script: $1 is the timeout in seconds, then address/port pairs. With bash it runs
// BASH_PROBES; else nc under `timeout`, PROBE_BATCH at a time (so one source takes a few timeouts,
// not one per probe). One tab-separated line per probe with the raw error; each line is one printf
// shorter than PIPE_BUF, so the parallel writers of the nc path do not interleave.
export const PORT_PROBE_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
t=$1; shift
has() { command -v "$1" >/dev/null 2>&1; }
if has bash; then exec bash -c '${BASH_PROBES}' virtshield-probe "$t" "$@"; fi
if has nc; then m=nc; else m=none; fi
printf '::virtshield-probe::method\t%s\n' "$m"
probe() {
  case $m in
    nc) if has timeout; then err=$(timeout "$((t + 1))" nc -v -z -w "$t" "$1" "$2" 2>&1 </dev/null)
        else err=$(nc -v -z -w "$t" "$1" "$2" 2>&1 </dev/null); fi ;;
    *) err="neither bash nor nc is installed"; false ;;
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
