"use client";
import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import type { ProvisionMode, ProvisionPlan } from "@/lib/core/provision/types";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { JobLive } from "@/components/job-live";
import { applyProvisionAction, previewProvisionAction } from "./provision-actions";
import { PlanView } from "./plan-view";

// Preview first (a dry-run that changes nothing), then apply what was previewed and watch it.
export function ProvisionForm({ hostId, defaultMode }: { hostId: string; defaultMode: ProvisionMode }) {
  const [mode, setMode] = useState<ProvisionMode>(defaultMode);
  const [preview, previewAction] = useActionState(previewProvisionAction, null);
  const [applied, applyAction] = useActionState(applyProvisionAction, null);
  const router = useRouter();
  const plan = preview?.ok ? (preview.data as { plan: ProvisionPlan | null }).plan : null;
  const jobId = applied?.ok ? (applied.data as { jobId: string }).jobId : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-xs font-medium text-slate-700">Mode
          <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as ProvisionMode)} className="ml-2 rounded border border-slate-300 px-2 py-1 text-sm">
            <option value="tls-only">tls-only (plain TCP closed)</option>
            <option value="tls-alongside">tls-alongside (plain TCP kept, for a rollout)</option>
          </select>
        </label>
        <form action={previewAction} aria-label="Preview provisioning">
          <input type="hidden" name="id" value={hostId} /><input type="hidden" name="mode" value={mode} />
          <SubmitButton variant="secondary" pendingText="Reading the host…">Preview changes</SubmitButton>
        </form>
        {plan && plan.mode === mode && (
          <form action={applyAction} aria-label="Apply provisioning">
            <input type="hidden" name="id" value={hostId} /><input type="hidden" name="mode" value={mode} />
            <SubmitButton pendingText="Starting…">{plan.changed ? "Apply" : "Apply (verify only)"}</SubmitButton>
          </form>
        )}
      </div>
      <FormMessage state={preview?.ok ? null : preview} />
      <FormMessage state={applied?.ok ? null : applied} />
      {jobId && <JobLive key={jobId} jobId={jobId} showLink onEnd={() => router.refresh()} />}
      {plan && !jobId && <PlanView plan={plan} />}
    </div>
  );
}
