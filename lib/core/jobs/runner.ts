import type { Db, Logger } from "@/lib/core/context";
import { isDomainError, type ErrorCode } from "@/lib/core/errors";
import { appendEvent, transitionJob } from "@/lib/core/jobs/job-store";

export interface JobReporter {
  // Runs fn as a named step: emits running, then succeeded/failed with fn's detail or error.
  step<T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T>;
  skip(name: string, why: string): Promise<void>;
  log(message: string): Promise<void>;
  progress(percent: number, message?: string): Promise<void>;
}

export interface JobRun {
  id: string;
  kind: string;
  hostId: string | null;
  input: unknown;
  createdBy: string | null;
  report: JobReporter;
  signal: AbortSignal;
}

export type JobHandler = (run: JobRun) => Promise<unknown>;

export interface RunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  concurrency: number;
  log: Logger;
  now?: () => Date;
}

// What users see of a failure; for non-domain failures the detail goes to the log under the same ref.
function publicError(e: unknown, log: Logger, jobId: string): { error: string; errorCode: ErrorCode } {
  if (isDomainError(e)) return { error: e.message, errorCode: e.code };
  const ref = Math.random().toString(36).slice(2, 10);
  log.error("job failed unexpectedly", { jobId, ref, error: e instanceof Error ? e.stack : String(e) });
  return { error: `Unexpected error (ref ${ref})`, errorCode: "INTERNAL" };
}

export class JobRunner {
  private running = new Map<string, { hostId: string | null; abort: AbortController; done: Promise<void> }>();
  private pumping = false;
  private repump = false;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly opts: RunnerOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  // Jobs a crash left `running` never finished: say so instead of pretending they still run.
  async start(): Promise<{ interrupted: number }> {
    const stale = await this.opts.db.job.findMany({ where: { state: "running" }, select: { id: true } });
    for (const { id } of stale) await transitionJob(this.opts.db, id, "running", "interrupted", { error: "The dashboard stopped while this job ran", now: this.now() });
    void this.pump();
    return { interrupted: stale.length };
  }

  poke(): void {
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return void (this.repump = true);
    this.pumping = true;
    try {
      do {
        this.repump = false;
        await this.fill();
      } while (this.repump);
    } finally {
      this.pumping = false;
    }
  }

  private async fill(): Promise<void> {
    if (this.stopped) return;
    const busyHosts = new Set([...this.running.values()].map((r) => r.hostId).filter(Boolean));
    const free = this.opts.concurrency - this.running.size;
    if (free <= 0) return;
    // Jobs for busy hosts are left out of the query, so they cannot crowd out runnable ones.
    const busy = [...busyHosts] as string[];
    const queued = await this.opts.db.job.findMany({
      where: { state: "queued", OR: [{ hostId: null }, { hostId: { notIn: busy } }] },
      orderBy: { createdAt: "asc" },
      take: free * 4,
    });
    for (const job of queued) {
      if (this.running.size >= this.opts.concurrency) break;
      // One job per host at a time: the per-host lock.
      if (job.hostId && busyHosts.has(job.hostId)) continue;
      if (!(await transitionJob(this.opts.db, job.id, "queued", "running", { now: this.now() }))) continue;
      if (job.hostId) busyHosts.add(job.hostId);
      const abort = new AbortController();
      const done = this.execute({ ...job, input: JSON.parse(job.input) as unknown }, abort.signal).finally(() => {
        this.running.delete(job.id);
        void this.pump();
      });
      this.running.set(job.id, { hostId: job.hostId, abort, done });
    }
  }

  private async execute(job: { id: string; kind: string; hostId: string | null; input: unknown; createdBy: string | null }, signal: AbortSignal) {
    const { db, log } = this.opts;
    const handler = this.opts.handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      const result = await handler({ ...job, report: reporter(db, job.id), signal });
      await transitionJob(db, job.id, "running", "succeeded", { result: result ?? null, now: this.now() });
    } catch (e) {
      await transitionJob(db, job.id, "running", "failed", { ...publicError(e, log, job.id), now: this.now() }).catch((err) =>
        log.error("could not record job failure", { jobId: job.id, error: String(err) }),
      );
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0 || this.pumping) {
      await Promise.all([...[...this.running.values()].map((r) => r.done), new Promise<void>((r) => setTimeout(r, 5))]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const r of this.running.values()) r.abort.abort();
  }
}

function reporter(db: Db, jobId: string): JobReporter {
  return {
    async step(name, fn, detail) {
      await appendEvent(db, jobId, { type: "step", step: name, state: "running" });
      try {
        const r = await fn();
        await appendEvent(db, jobId, { type: "step", step: name, state: "succeeded", message: detail ? detail(r) : "" });
        return r;
      } catch (e) {
        await appendEvent(db, jobId, { type: "step", step: name, state: "failed", message: isDomainError(e) ? e.message : "failed" });
        throw e;
      }
    },
    skip: (name, why) => appendEvent(db, jobId, { type: "step", step: name, state: "skipped", message: why }),
    log: (message) => appendEvent(db, jobId, { type: "log", message }),
    progress: (percent, message) => appendEvent(db, jobId, { type: "progress", progress: percent, message }),
  };
}
