"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelJobAction } from "../actions";

export function CancelJobForm({ jobId, children }: { jobId: string; children?: number }) {
  const [state, action] = useActionState(cancelJobAction, null);
  return (
    <form action={action} aria-label="Cancel job" className="flex items-center gap-3">
      <input type="hidden" name="id" value={jobId} />
      <SubmitButton variant="danger" pendingText="Cancelling…">Cancel job</SubmitButton>
      {children ? <span className="text-xs text-slate-500">Its {children} sub-jobs are cancelled with it.</span> : null}
      <FormMessage state={state} />
    </form>
  );
}
