import type { ActionState } from "@/lib/action-result";

// The outcome of the last submit: errors as an alert (read out at once), success as a status.
export function FormMessage({ state, success }: { state: ActionState; success?: string }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.message}
      </div>
    );
  }
  if (!success) return null;
  return (
    <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {success}
    </div>
  );
}

export function fieldErrors(state: ActionState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

export function valueOf(state: ActionState, name: string, fallback = ""): string {
  return state?.values?.[name] ?? fallback;
}
