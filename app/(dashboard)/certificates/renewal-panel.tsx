"use client";
import { useActionState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { runRenewalAction } from "./actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { JobLive } from "@/components/job-live";

// Starts the renewal job on demand (the scheduler runs it daily too), follows it, then reloads the lists.
export function RunRenewal() {
  const [state, action] = useActionState(runRenewalAction, null);
  const router = useRouter();
  const jobId = state?.ok ? (state.data as { jobId: string }).jobId : null;
  return (
    <div className="space-y-3">
      <form action={action} aria-label="Run renewal" className="flex items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Starting…">Run renewal now</SubmitButton>
        {jobId && <Link href={`/jobs/${jobId}`} className="text-sm text-sky-700 hover:underline">Renewal job</Link>}
      </form>
      <FormMessage state={state} />
      {jobId && <JobLive key={jobId} jobId={jobId} onEnd={() => router.refresh()} />}
    </div>
  );
}
