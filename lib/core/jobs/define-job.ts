import type { z } from "zod";
import type { Permission } from "@/lib/core/auth/roles";
import type { CoreContext } from "@/lib/core/context";
import type { HostConnector } from "@/lib/core/ssh/host-connector";
import type { JobState } from "@/lib/core/jobs/states";

export interface JobReporter {
  // Runs fn as a named step: emits running, then succeeded/failed with fn's detail or error.
  step<T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T>;
  skip(name: string, why: string): Promise<void>;
  log(message: string): Promise<void>;
  progress(percent: number, message?: string): Promise<void>;
}

export interface ChildSpec {
  kind: string;
  input: unknown;
}

export interface ChildOutcome {
  id: string;
  kind: string;
  hostId: string | null;
  state: JobState;
  error?: string;
}

export interface ChildrenSummary {
  total: number;
  counts: Partial<Record<JobState, number>>;
  children: ChildOutcome[];
}

// What a running job sees of itself.
export interface JobRun {
  id: string;
  kind: string;
  createdBy: string | null;
  report: JobReporter;
  // Starts child jobs (at most `parallelism` at once), waits for all of them, and sums them up.
  spawn(children: ChildSpec[], opts: { parallelism: number }): Promise<ChildrenSummary>;
}

// What a handler may touch: the core context, the SSH connector (pinned keys enforced there),
// and the signal that fires when the job is cancelled (it also closes the SSH connections).
export interface JobContext extends CoreContext {
  ssh: HostConnector;
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  kind: string;
  input: S;
  permission: Permission;
  // Hosts held while the job runs, all taken at once; a queued job whose hosts are busy waits.
  locks: (input: z.infer<S>) => string[];
  // The host the job is about, for lists and the host page (default: the first lock).
  host?: (input: z.infer<S>) => string | null;
  // Checks beyond "every locked host exists and is pinned", before the job is stored.
  precondition?: (ctx: CoreContext, input: z.infer<S>) => Promise<void>;
  run: (ctx: JobContext, job: JobRun, input: z.infer<S>) => Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export type AnyJobDefinition = JobDefinition<z.ZodType>;
export type JobRegistry = Readonly<Record<string, AnyJobDefinition>>;

export function jobRegistryOf(defs: readonly AnyJobDefinition[]): JobRegistry {
  const out: Record<string, AnyJobDefinition> = {};
  for (const d of defs) {
    if (out[d.kind]) throw new Error(`Job kind ${d.kind} is declared twice`);
    out[d.kind] = d;
  }
  return out;
}
