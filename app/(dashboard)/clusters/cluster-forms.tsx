"use client";
import { useActionState } from "react";
import { createClusterAction, deleteClusterAction, updateClusterPolicyAction } from "./actions";
import { POLICY_HELP } from "@/components/policy-badge";
import { Field, Input, Select, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const POLICIES = ["tls", "prefer-tls", "legacy"] as const;

export function PolicyOptions() {
  return POLICIES.map((p) => <option key={p} value={p}>{p}: {POLICY_HELP[p]}</option>);
}

export function CreateClusterForm() {
  const [state, action] = useActionState(createClusterAction, null);
  const ok = state?.ok;
  return (
    <form action={action} aria-label="Create cluster" className="space-y-3">
      <FormMessage state={state} success={ok ? "Cluster created." : undefined} />
      <div className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-start">
        <Field id="cluster-name" label="Cluster name" errors={fieldErrors(state, "name")}>
          <Input id="cluster-name" name="name" required defaultValue={ok ? "" : valueOf(state, "name")} {...errorProps("cluster-name", fieldErrors(state, "name"))} />
        </Field>
        <Field id="cluster-policy" label="Security policy" errors={fieldErrors(state, "policy")}>
          <Select id="cluster-policy" name="policy" defaultValue={valueOf(state, "policy", "tls")} key={ok ? "reset" : valueOf(state, "policy")}>
            <PolicyOptions />
          </Select>
        </Field>
        <div className="md:pt-5"><SubmitButton>Create cluster</SubmitButton></div>
      </div>
    </form>
  );
}

export function ClusterRowControls({ id, name, policy, migrationParallel = true }: { id: string; name: string; policy: string; migrationParallel?: boolean }) {
  const [upd, updAction] = useActionState(updateClusterPolicyAction, null);
  const [del, delAction] = useActionState(deleteClusterAction, null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={updAction} className="flex items-center gap-2" aria-label={`Policy of ${name}`}>
        <input type="hidden" name="id" value={id} />
        <label htmlFor={`policy-${id}`} className="sr-only">Policy for {name}</label>
        <select id={`policy-${id}`} name="policy" defaultValue={upd?.values?.policy ?? policy} className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset">
          {POLICIES.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
        <label className="flex items-center gap-1 text-xs text-slate-600" title="Migrations use parallel connections where both hosts support them">
          <input type="checkbox" name="migrationParallel" defaultChecked={upd?.values ? upd.values.migrationParallel === "on" : migrationParallel} /> parallel migration
        </label>
        <SubmitButton variant="secondary">Save policy</SubmitButton>
      </form>
      <form
        action={delAction}
        onSubmit={(e) => { if (!window.confirm(`Delete cluster ${name}?`)) e.preventDefault(); }}
        aria-label={`Delete ${name}`}
      >
        <input type="hidden" name="id" value={id} />
        <SubmitButton variant="danger">Delete</SubmitButton>
      </form>
      {upd && !upd.ok && <p role="alert" className="w-full text-xs text-red-700">{upd.message}</p>}
      {del && !del.ok && <p role="alert" className="w-full text-xs text-red-700">{del.message}</p>}
    </div>
  );
}
