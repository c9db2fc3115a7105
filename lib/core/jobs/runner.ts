import type { CoreContext, Db, JobControl, Logger } from "@/lib/core/context";
import type { ErrorCode } from "@/lib/core/errors";
import { toPublicError } from "@/lib/core/public-error";
import type { HostConnector } from "@/lib/core/ssh/host-connector";
import type { ChildSpec, JobRegistry, JobRun } from "@/lib/core/jobs/define-job";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { transitionJob } from "@/lib/core/jobs/job-store";
import { jobRegistry } from "@/lib/core/jobs/registry";
import { jobReporter } from "@/lib/core/jobs/reporter";
import { requestCancel } from "@/lib/core/jobs/cancel-job";
import { FINAL_STATES } from "@/lib/core/jobs/states";
import { waitForChildren } from "@/lib/core/jobs/wait-for-children";

export interface RunnerOptions {
  db: Db;
  concurrency: number;
  log: Logger;
  // The core context a job runs with, as its creator (permissions were checked when it was queued).
  context: (createdBy: string | null) => CoreContext;
  connector: (ctx: CoreContext, signal: AbortSignal) => HostConnector;
  registry?: JobRegistry;
  now?: () => Date;
  pollMs?: number;
}

interface Running {
  locks: string[];
  parentId: string | null;
  abort: AbortController;
  done: Promise<void>;
}

// What users see of a failure; for unexpected ones the detail goes to the log under the same ref.
function publicError(e: unknown, log: Logger, jobId: string): { error: string; errorCode: ErrorCode } {
  const p = toPublicError(e, log, { in: "job", jobId });
  return { error: p.message, errorCode: p.code };
}

// One runner per process: a global limit on top-level jobs, host locks taken all at once,
// children limited by their parent's parallelism only, cancel through an AbortSignal, and a tick
// that picks up jobs queued by other processes. A fleet job is one operation: it keeps its slot
// while its children run, and they do not take others' (so 20 hosts go through at the fleet's own
// parallelism, not four at a time behind VIRTSHIELD_JOB_CONCURRENCY).
export class JobRunner implements JobControl {
  private running = new Map<string, Running>();
  private pumping = false;
  private repump = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly now: () => Date;
  private readonly registry: JobRegistry;

  constructor(private readonly opts: RunnerOptions) {
    this.now = opts.now ?? (() => new Date());
    this.registry = opts.registry ?? jobRegistry;
  }

  // Jobs a crash left `running` never finished: say so, and end the queued children of those
  // parents, which nothing waits for any more.
  async start(): Promise<{ interrupted: number }> {
    const { db } = this.opts;
    const stale = await db.job.findMany({ where: { state: "running" }, select: { id: true } });
    for (const { id } of stale) await transitionJob(db, id, "running", "interrupted", { error: "The dashboard stopped while this job ran", now: this.now() });
    const orphans = await db.job.findMany({ where: { state: "queued", parent: { state: { in: [...FINAL_STATES] } } }, select: { id: true } });
    for (const { id } of orphans) await transitionJob(db, id, "queued", "cancelled", { error: "Its parent job ended before it started", now: this.now() });
    this.timer = setInterval(() => void this.tick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    void this.pump();
    return { interrupted: stale.length };
  }

  wake(): void {
    void this.pump();
  }

  abort(jobId: string): void {
    this.running.get(jobId)?.abort.abort();
  }

  private async tick(): Promise<void> {
    try {
      if (this.running.size > 0) {
        const asked = await this.opts.db.job.findMany({ where: { id: { in: [...this.running.keys()] }, cancelRequestedAt: { not: null } }, select: { id: true } });
        for (const { id } of asked) this.abort(id);
      }
      await this.pump();
    } catch (e) {
      this.opts.log.error("job runner tick failed", { error: String(e) });
    }
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
    const entries = [...this.running.values()];
    let free = this.opts.concurrency - entries.filter((r) => !r.parentId).length;
    const busy = new Set(entries.flatMap((r) => r.locks));
    const perParent = new Map<string, number>();
    for (const r of entries) if (r.parentId) perParent.set(r.parentId, (perParent.get(r.parentId) ?? 0) + 1);
    // Jobs whose hosts are busy are left out of the query, so they cannot crowd out runnable ones.
    const queued = await this.opts.db.job.findMany({
      where: { state: "queued", locks: { none: { hostId: { in: [...busy] } } }, ...(free <= 0 ? { parentId: { not: null } } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 100,
      include: { locks: { select: { hostId: true } }, parent: { select: { childLimit: true } } },
    });
    for (const job of queued) {
      const child = job.parentId !== null;
      if (!child && free <= 0) continue;
      const locks = job.locks.map((l) => l.hostId);
      if (locks.some((h) => busy.has(h))) continue;
      const limit = job.parent?.childLimit;
      if (job.parentId && limit && (perParent.get(job.parentId) ?? 0) >= limit) continue;
      if (!(await transitionJob(this.opts.db, job.id, "queued", "running", { now: this.now() }))) continue;
      for (const h of locks) busy.add(h);
      if (job.parentId) perParent.set(job.parentId, (perParent.get(job.parentId) ?? 0) + 1);
      if (!child) free--;
      const entry: Running = { locks, parentId: job.parentId, abort: new AbortController(), done: Promise.resolve() };
      this.running.set(job.id, entry);
      entry.done = this.execute({ id: job.id, kind: job.kind, input: JSON.parse(job.input) as unknown, createdBy: job.createdBy }, entry).finally(() => {
        this.running.delete(job.id);
        void this.pump();
      });
    }
  }

  private async execute(job: { id: string; kind: string; input: unknown; createdBy: string | null }, entry: Running): Promise<void> {
    const { db, log } = this.opts;
    const signal = entry.abort.signal;
    const finish = async (to: "succeeded" | "failed" | "cancelled", extra: { error?: string; errorCode?: ErrorCode; result?: unknown }) => {
      await transitionJob(db, job.id, "running", to, { ...extra, now: this.now() }).catch((err) =>
        log.error("could not record the end of a job", { jobId: job.id, error: String(err) }),
      );
    };
    try {
      const def = this.registry[job.kind];
      if (!def) throw new Error(`No handler for job kind ${job.kind}`);
      const base = this.opts.context(job.createdBy);
      const ctx = { ...base, jobs: this, ssh: this.opts.connector(base, signal), signal };
      const result = await def.run(ctx, this.jobRun(job, ctx), def.input.parse(job.input));
      if (signal.aborted) await finish("cancelled", await this.cancelNote(job.id));
      else await finish("succeeded", { result: result ?? null });
    } catch (e) {
      if (signal.aborted) await finish("cancelled", await this.cancelNote(job.id));
      else await finish("failed", publicError(e, log, job.id));
    }
  }

  private async cancelNote(jobId: string): Promise<{ error: string }> {
    const row = await this.opts.db.job.findUnique({ where: { id: jobId }, select: { cancelledBy: true } });
    return { error: row?.cancelledBy ? `Cancelled by ${row.cancelledBy}` : "Cancelled" };
  }

  private jobRun(job: { id: string; kind: string; createdBy: string | null }, ctx: CoreContext & { signal: AbortSignal }): JobRun {
    const report = jobReporter(this.opts.db, job.id);
    return {
      ...job,
      report,
      spawn: async (children: ChildSpec[], { parallelism }) => {
        await this.opts.db.job.update({ where: { id: job.id }, data: { childLimit: Math.max(1, Math.floor(parallelism)) } });
        for (const c of children) await enqueue(ctx, c.kind, c.input, { parentId: job.id, registry: this.registry });
        this.wake();
        return await waitForChildren(this.opts.db, job.id, report, {
          pollMs: Math.min(this.opts.pollMs ?? 1000, 300),
          signal: ctx.signal,
          onCancel: async () => void (await requestCancel(ctx, job.id, `Cancelled with its parent`)),
        });
      },
    };
  }

  async idle(): Promise<void> {
    while (this.running.size > 0 || this.pumping) {
      await Promise.all([...[...this.running.values()].map((r) => r.done), new Promise<void>((r) => setTimeout(r, 5))]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const r of this.running.values()) r.abort.abort();
  }
}
