"use client";
import { useActionState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { JobLive } from "@/components/job-live";

type StartJobAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

// A button whose server action starts a job: follows the job live, then reloads the page so
// whatever the job stored shows. One place for facts, scans and renewals alike.
export function StartJobForm({ action, label, fields = {}, hint }: { action: StartJobAction; label: string; fields?: Record<string, string>; hint?: ReactNode }) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  const jobId = state?.ok ? (state.data as { jobId: string }).jobId : null;
  return (
    <div className="space-y-3">
      <form action={formAction} aria-label={label} className="flex items-center gap-3">
        {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <SubmitButton variant="secondary" pendingText="Starting…">{label}</SubmitButton>
        {hint && <span className="text-xs text-slate-500">{hint}</span>}
      </form>
      <FormMessage state={state} />
      {jobId && <JobLive key={jobId} jobId={jobId} showLink onEnd={() => router.refresh()} />}
    </div>
  );
}
