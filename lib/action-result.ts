import type { FieldErrors } from "@/lib/core/errors";

// What every server action answers, shaped for useActionState. Types only: the forms in the
// browser read it without pulling lib/server (sessions, the database) into the client bundle.
// `values` echoes what was submitted (minus secrets) because React 19 resets uncontrolled
// inputs after an action.
export type ActionResult<T = unknown> =
  | { ok: true; data: T; values?: Record<string, string> }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

export type ActionState<T = unknown> = ActionResult<T> | null;
