"use client";
import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { gatherFactsAction } from "./actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { JobLive } from "@/components/job-live";

// Starts a facts job, follows it live, then reloads the page so the stored facts show.
export function GatherFacts({ hostId, pinned }: { hostId: string; pinned: boolean }) {
  const [state, action] = useActionState(gatherFactsAction, null);
  const router = useRouter();
  const jobId = state?.ok ? (state.data as { jobId: string }).jobId : null;
  return (
    <div className="space-y-3">
      <form action={action} aria-label="Gather facts" className="flex items-center gap-3">
        <input type="hidden" name="id" value={hostId} />
        <SubmitButton variant="secondary" pendingText="Starting…">Gather facts</SubmitButton>
        {!pinned && <span className="text-xs text-slate-500">Pin the host key first.</span>}
      </form>
      <FormMessage state={state} />
      {jobId && <JobLive key={jobId} jobId={jobId} showLink onEnd={() => router.refresh()} />}
    </div>
  );
}
