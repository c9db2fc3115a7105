import type { JobReporter } from "@/lib/core/jobs/define-job";
import type { ExecResult, HostConnection } from "@/lib/core/ssh/types";
import { describeSample, parseDomJobInfo, percentDone, type JobSample } from "./domjobinfo";
import { domjobabortArgv, domjobinfoArgv, monitorArgv } from "./migrate-argv";
import { parseMigrateParameters, QUERY_MIGRATE_PARAMETERS, type TlsEvidence } from "./tls-evidence";

// Runs `virsh migrate` with a watchdog beside it: every second it writes a byte to stderr, and
// when that fails (the SSH channel is gone: job cancelled, dashboard stopped) it aborts the
// migration, so a lost dashboard leaves the guest running on the source. (coreutils printf, not
// the shell's builtin: it exits non-zero on EPIPE once SIGPIPE is ignored.)
export const MIGRATE_SCRIPT = String.raw`trap '' PIPE
d=$1; shift
"$@" &
m=$!
while kill -0 "$m" 2>/dev/null; do
  sleep 1
  if ! env printf '\n' >&2 2>/dev/null; then virsh -c qemu:///system domjobabort --domain "$d" >/dev/null 2>&1; break; fi
done
wait "$m"`;

export interface Watch {
  evidence: TlsEvidence | null;
  samples: number;
  last: JobSample | null;
  peakBps: number | null;
}

export interface WatchedRun {
  result: ExecResult | null;
  /** The transport error when the channel itself failed (cancel, lost connection). */
  transportError: unknown;
  watch: Watch;
  timedOut: boolean;
}

// One poll's pause, cut short by the signal; the listener goes with the pause (a migration polls
// every second, and listeners left behind would pile up on the job's signal).
const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((r) => {
  const onAbort = () => (clearTimeout(t), r());
  const t = setTimeout(() => (signal.removeEventListener("abort", onAbort), r()), ms);
  signal.addEventListener("abort", onAbort, { once: true });
});

export interface WatchOptions {
  conn: HostConnection;
  argv: string[];
  domain: string;
  timeoutMs: number;
  signal: AbortSignal;
  report: JobReporter;
  now: () => Date;
  pollMs?: number;
}

// The source QEMU's migration parameters, sampled fast until tls-creds shows up: the object
// exists only while the migration runs, and a small guest migrates in a second or two.
// A plain stream never shows credentials: after half a minute one sample a second is enough.
async function sampleEvidence(o: WatchOptions, w: Watch, done: AbortSignal): Promise<void> {
  const start = Date.now();
  while (!done.aborted && !w.evidence?.tlsCreds) {
    const r = await o.conn.exec(monitorArgv(o.domain, QUERY_MIGRATE_PARAMETERS), { timeoutMs: 10_000 }).catch(() => null);
    const e = r && r.code === 0 ? parseMigrateParameters(r.stdout, o.now()) : null;
    if (e && (!w.evidence || e.tlsCreds)) w.evidence = e;
    await sleep(Date.now() - start < 30_000 ? 100 : 1000, done);
  }
}

async function followProgress(o: WatchOptions, w: Watch, done: AbortSignal): Promise<void> {
  let raw = true;
  while (!done.aborted) {
    await sleep(o.pollMs ?? 1000, done);
    if (done.aborted) break;
    const r = await o.conn.exec(domjobinfoArgv(o.domain, raw), { timeoutMs: 10_000 }).catch(() => null);
    // virsh before 7.2 has no --rawstats: its human output parses too.
    if (r && r.code !== 0 && raw && /rawstats/.test(r.stderr)) raw = false;
    if (!r || r.code !== 0) continue;
    const s = parseDomJobInfo(r.stdout);
    if (s.type !== "unbounded") continue;
    w.last = s;
    w.samples++;
    const bps = (s.memoryBps ?? 0) + (s.diskBps ?? 0);
    if (bps > 0) w.peakBps = Math.max(w.peakBps ?? 0, bps);
    const pct = percentDone(s);
    if (pct !== null) await o.report.progress(10 + Math.floor(pct * 0.85), describeSample(s));
    if (w.samples % 5 === 1) await o.report.log(describeSample(s));
  }
}

export async function watchMigration(o: WatchOptions): Promise<WatchedRun> {
  const watch: Watch = { evidence: null, samples: 0, last: null, peakBps: null };
  const done = new AbortController();
  let timedOut = false;
  // Past the deadline libvirt is told to abort; the channel's own limit is later still.
  const deadline = setTimeout(() => {
    timedOut = true;
    void o.conn.exec(domjobabortArgv(o.domain), { timeoutMs: 30_000 }).catch(() => undefined);
  }, o.timeoutMs);
  o.signal.addEventListener("abort", () => done.abort(), { once: true });
  const loops = Promise.all([sampleEvidence(o, watch, done.signal), followProgress(o, watch, done.signal)]);
  try {
    const result = await o.conn.exec(["sh", "-c", MIGRATE_SCRIPT, "migrate", o.domain, ...o.argv], { timeoutMs: o.timeoutMs + 120_000 });
    return { result, transportError: null, watch, timedOut };
  } catch (e) {
    return { result: null, transportError: e, watch, timedOut };
  } finally {
    clearTimeout(deadline);
    done.abort();
    await loops.catch(() => undefined);
  }
}
