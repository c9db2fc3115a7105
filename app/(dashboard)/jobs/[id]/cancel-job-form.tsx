"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelJobAction } from "../actions";

export function CancelJobForm({ jobId, childCount }: { jobId: string; childCount?: number }) {
  const [state, action] = useActionState(cancelJobAction, null);
  return (
    <form action={action} aria-label="Cancel job" className="flex items-center gap-3">
      <input type="hidden" name="id" value={jobId} />
      <SubmitButton variant="danger" pendingText="Cancelling…">Cancel job</SubmitButton>
      {childCount ? <span className="text-xs text-slate-500">Its {childCount} sub-jobs are cancelled with it.</span> : null}
      <FormMessage state={state} />
    </form>
  );
}
