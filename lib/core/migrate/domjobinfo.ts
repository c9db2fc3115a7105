// `virsh domjobinfo --rawstats DOMAIN` (typed parameters, exact bytes) or the human output of
// older virsh (scaled units), into one progress sample. Unknown fields stay null.

export interface JobSample {
  /** "unbounded" while a job runs, "completed"/"failed"/"cancelled" after, "none" without one. */
  type: string;
  operation: string | null;
  elapsedMs: number | null;
  remainingMs: number | null;
  dataTotal: number | null;
  dataProcessed: number | null;
  dataRemaining: number | null;
  memoryBps: number | null;
  diskBps: number | null;
  /** Bytes per second dirtied by the guest. */
  dirtyRateBps: number | null;
  iteration: number | null;
  /** Expected downtime while running; the real downtime of a completed migration. */
  downtimeMs: number | null;
}

const UNIT: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

function scaled(v: string | undefined): number | null {
  const m = /^(-?[\d.]+)\s*(B|KiB|MiB|GiB|TiB)?(\/s)?$/i.exec((v ?? "").trim());
  return m ? Math.round(Number(m[1]) * (UNIT[(m[2] ?? "B").toLowerCase()] ?? 1)) : null;
}

function plain(v: string | undefined): number | null {
  const m = /^(-?\d+(?:\.\d+)?)/.exec((v ?? "").trim());
  return m ? Number(m[1]) : null;
}

const OPERATIONS: Record<string, string> = { "0": "unknown", "1": "start", "2": "save", "3": "restore", "4": "incoming migration", "5": "outgoing migration", "6": "snapshot", "7": "snapshot revert", "8": "dump", "9": "backup" };

function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^\s*([^:]+?):\s*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1].toLowerCase(), m[2]);
  }
  return out;
}

export function parseDomJobInfo(text: string): JobSample {
  const f = fields(text);
  const type = (f.get("job type") ?? "none").toLowerCase();
  const raw = f.has("time_elapsed") || f.has("data_total") || f.has("memory_total") || f.has("operation") && /^\d+$/.test(f.get("operation") ?? "");
  if (raw) {
    const n = (k: string) => plain(f.get(k));
    const pageSize = n("memory_page_size") ?? 4096;
    const dirtyPages = n("memory_dirty_rate");
    const op = f.get("operation");
    return {
      type,
      operation: op ? (OPERATIONS[op] ?? op) : null,
      elapsedMs: n("time_elapsed"),
      remainingMs: n("time_remaining"),
      dataTotal: n("data_total"),
      dataProcessed: n("data_processed"),
      dataRemaining: n("data_remaining"),
      memoryBps: n("memory_bps"),
      diskBps: n("disk_bps"),
      dirtyRateBps: dirtyPages === null ? null : dirtyPages * pageSize,
      iteration: n("memory_iteration"),
      downtimeMs: n("downtime"),
    };
  }
  const pageSize = plain(f.get("page size")) ?? 4096;
  const dirtyPages = plain(f.get("dirty rate"));
  return {
    type,
    operation: f.get("operation")?.toLowerCase() ?? null,
    elapsedMs: plain(f.get("time elapsed")),
    remainingMs: plain(f.get("time remaining")),
    dataTotal: scaled(f.get("data total")),
    dataProcessed: scaled(f.get("data processed")),
    dataRemaining: scaled(f.get("data remaining")),
    memoryBps: scaled(f.get("memory bandwidth")),
    diskBps: scaled(f.get("file bandwidth") ?? f.get("disk bandwidth")),
    dirtyRateBps: dirtyPages === null ? null : dirtyPages * pageSize,
    iteration: plain(f.get("iteration")),
    downtimeMs: plain(f.get("total downtime") ?? f.get("expected downtime")),
  };
}

// Percent done for the progress bar: processed over total, never 100 before libvirt says so.
export function percentDone(s: JobSample): number | null {
  if (!s.dataTotal || s.dataProcessed === null) return null;
  return Math.max(0, Math.min(99, Math.floor((s.dataProcessed / s.dataTotal) * 100)));
}

const mib = (b: number | null) => (b === null ? "?" : `${(b / 1024 ** 2).toFixed(1)} MiB`);

export function describeSample(s: JobSample): string {
  const parts = [`${mib(s.dataProcessed)} of ${mib(s.dataTotal)}`, `${mib(s.dataRemaining)} left`];
  if (s.memoryBps !== null) parts.push(`${mib(s.memoryBps)}/s`);
  if (s.remainingMs !== null) parts.push(`~${Math.ceil(s.remainingMs / 1000)} s remaining`);
  if (s.iteration !== null) parts.push(`iteration ${s.iteration}`);
  if (s.dirtyRateBps !== null) parts.push(`dirty ${mib(s.dirtyRateBps)}/s`);
  return parts.join(", ");
}
