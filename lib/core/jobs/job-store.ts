import type { Db } from "@/lib/core/context";
import { DomainError, ERROR_CODES, type ErrorCode } from "@/lib/core/errors";
import { canTransition, isFinal, type JobState, type StepState } from "@/lib/core/jobs/states";

export interface JobStep {
  name: string;
  state: StepState;
  detail: string;
}

export interface JobChildView {
  id: string;
  kind: string;
  state: JobState;
  progress: number;
  hostId: string | null;
  hostName: string | null;
  error?: string;
}

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  hostId: string | null;
  hostName: string | null;
  locks: string[];
  parentId: string | null;
  progress: number;
  steps: JobStep[];
  error?: string;
  errorCode?: ErrorCode;
  result?: unknown;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequestedAt: string | null;
  cancelledBy: string | null;
  children: JobChildView[];
  childCounts: Partial<Record<JobState, number>>;
}

export interface JobEventView {
  id: number;
  type: string;
  step: string | null;
  state: string | null;
  message: string;
  progress: number | null;
  at: string;
}

export interface NewJob {
  kind: string;
  hostId: string | null;
  locks: string[];
  input: unknown;
  createdBy: string;
  parentId?: string | null;
}

export async function createJob(db: Db, job: NewJob): Promise<string> {
  return db.$transaction(async (tx) => {
    const row = await tx.job.create({
      data: {
        kind: job.kind,
        hostId: job.hostId,
        parentId: job.parentId ?? null,
        input: JSON.stringify(job.input ?? {}),
        createdBy: job.createdBy,
        locks: { create: [...new Set(job.locks)].map((hostId) => ({ hostId })) },
      },
    });
    await tx.jobEvent.create({ data: { jobId: row.id, type: "state", state: "queued", message: "queued" } });
    return row.id;
  });
}

export async function appendEvent(db: Db, jobId: string, e: { type: "step" | "log" | "progress" | "state"; step?: string; state?: string; message?: string; progress?: number }) {
  await db.jobEvent.create({
    data: { jobId, type: e.type, step: e.step ?? null, state: e.state ?? null, message: (e.message ?? "").slice(0, 4000), progress: e.progress ?? null },
  });
  if (e.progress !== undefined) await db.job.update({ where: { id: jobId }, data: { progress: Math.max(0, Math.min(100, Math.round(e.progress))) } });
}

// Guarded state change: the row only moves if it is still in `from` (no lost updates between writers).
export async function transitionJob(
  db: Db,
  jobId: string,
  from: JobState,
  to: JobState,
  extra: { error?: string; errorCode?: ErrorCode; result?: unknown; now: Date },
) {
  if (!canTransition(from, to)) throw new DomainError("INTERNAL", `Illegal job transition ${from} -> ${to}`);
  const { count } = await db.job.updateMany({
    where: { id: jobId, state: from },
    data: {
      state: to,
      error: extra.error,
      errorCode: extra.errorCode,
      result: extra.result === undefined ? undefined : JSON.stringify(extra.result),
      startedAt: to === "running" ? extra.now : undefined,
      finishedAt: to !== "running" ? extra.now : undefined,
      progress: to === "succeeded" ? 100 : undefined,
    },
  });
  if (count === 1) await appendEvent(db, jobId, { type: "state", state: to, message: extra.error ?? to });
  return count === 1;
}

export function stepsFromEvents(events: { type: string; step: string | null; state: string | null; message: string }[]): JobStep[] {
  const steps = new Map<string, JobStep>();
  for (const e of events) {
    if (e.type !== "step" || !e.step) continue;
    const prev = steps.get(e.step);
    steps.set(e.step, { name: e.step, state: (e.state as StepState) ?? prev?.state ?? "running", detail: e.message || prev?.detail || "" });
  }
  return [...steps.values()];
}

function countStates(states: JobState[]): Partial<Record<JobState, number>> {
  const out: Partial<Record<JobState, number>> = {};
  for (const s of states) out[s] = (out[s] ?? 0) + 1;
  return out;
}

export async function getJob(db: Db, id: string): Promise<JobView> {
  const job = await db.job.findUnique({
    where: { id },
    include: {
      events: { where: { type: "step" }, orderBy: { id: "asc" } },
      host: { select: { name: true } },
      locks: { select: { hostId: true } },
      children: { orderBy: { createdAt: "asc" }, include: { host: { select: { name: true } } } },
    },
  });
  if (!job) throw new DomainError("NOT_FOUND", "No such job");
  const children: JobChildView[] = job.children.map((c) => ({
    id: c.id, kind: c.kind, state: c.state as JobState, progress: c.progress, hostId: c.hostId, hostName: c.host?.name ?? null,
    ...(c.error ? { error: c.error } : {}),
  }));
  return {
    id: job.id,
    kind: job.kind,
    state: job.state as JobState,
    hostId: job.hostId,
    hostName: job.host?.name ?? null,
    locks: job.locks.map((l) => l.hostId),
    parentId: job.parentId,
    progress: job.progress,
    steps: stepsFromEvents(job.events),
    ...(job.error ? { error: job.error } : {}),
    ...(job.errorCode && (ERROR_CODES as readonly string[]).includes(job.errorCode) ? { errorCode: job.errorCode as ErrorCode } : {}),
    ...(job.result ? { result: JSON.parse(job.result) as unknown } : {}),
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    cancelRequestedAt: job.cancelRequestedAt?.toISOString() ?? null,
    cancelledBy: job.cancelledBy,
    children,
    childCounts: countStates(children.map((c) => c.state)),
  };
}

export async function eventsAfter(db: Db, jobId: string, afterId: number): Promise<JobEventView[]> {
  const rows = await db.jobEvent.findMany({ where: { jobId, id: { gt: afterId } }, orderBy: { id: "asc" }, take: 500 });
  return rows.map((e) => ({ id: e.id, type: e.type, step: e.step, state: e.state, message: e.message, progress: e.progress, at: e.createdAt.toISOString() }));
}

// For callers that want the outcome in the same request (the API's synchronous conveniences).
export async function waitForJob(db: Db, id: string, timeoutMs: number, pollMs = 200): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(db, id);
    if (isFinal(job.state) || Date.now() >= deadline) return job;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

// A finished job as an API answer: its result, or its failure as the DomainError it was.
export function jobOutcome(job: JobView): { jobId: string; pending: true } | { jobId: string; pending: false; result: unknown } {
  if (job.state === "queued" || job.state === "running") return { jobId: job.id, pending: true };
  if (job.state !== "succeeded") throw new DomainError(job.errorCode ?? "REMOTE_COMMAND_FAILED", job.error ?? `The job ${job.state}`);
  return { jobId: job.id, pending: false, result: job.result };
}
