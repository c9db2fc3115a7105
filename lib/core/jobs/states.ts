export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const STEP_STATES = ["running", "succeeded", "failed", "skipped"] as const;
export type StepState = (typeof STEP_STATES)[number];

// queued -> running -> succeeded | failed | cancelled; a crash leaves running -> interrupted at
// the next start. A queued job can end without running: cancelled, or failed (its host vanished).
const NEXT: Record<JobState, readonly JobState[]> = {
  queued: ["running", "failed", "cancelled"],
  running: ["succeeded", "failed", "cancelled", "interrupted"],
  succeeded: [],
  failed: [],
  cancelled: [],
  interrupted: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return NEXT[from].includes(to);
}

export const isFinal = (s: JobState) => NEXT[s].length === 0;

export const FINAL_STATES = JOB_STATES.filter(isFinal);
