export const JOB_STATES = ["queued", "running", "succeeded", "failed", "interrupted"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const STEP_STATES = ["running", "succeeded", "failed", "skipped"] as const;
export type StepState = (typeof STEP_STATES)[number];

// queued -> running -> succeeded | failed; a crash leaves running -> interrupted at the next start.
// A queued job can be failed without running (cancelled, or its host vanished).
const NEXT: Record<JobState, readonly JobState[]> = {
  queued: ["running", "failed"],
  running: ["succeeded", "failed", "interrupted"],
  succeeded: [],
  failed: [],
  interrupted: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return NEXT[from].includes(to);
}

export const isFinal = (s: JobState) => NEXT[s].length === 0;
