"use client";
import { useActionState } from "react";
import Link from "next/link";
import { createHostAction, importHostsAction } from "./actions";
import { EMPTY_HOST, HostFields } from "./host-fields";
import { Field, Select, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function AddHostForm({ clusters }: { clusters: { id: string; name: string }[] }) {
  const [state, action] = useActionState(createHostAction, null);
  const created = state?.ok ? (state.data as { id: string; name: string }) : null;
  return (
    <form action={action} aria-label="Add host" className="space-y-3">
      <FormMessage state={state} />
      {created && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Host {created.name} added. Next: <Link className="font-medium underline" href={`/hosts/${created.id}`}>open {created.name}</Link> to pin its SSH host key.
        </div>
      )}
      <HostFields state={state} defaults={{ ...EMPTY_HOST, clusterId: clusters.length === 1 ? clusters[0].id : "" }} clusters={clusters} prefix="new-host" />
      <SubmitButton pendingText="Adding…">Add host</SubmitButton>
    </form>
  );
}

interface ImportError { line: string; message: string }

function rowErrors(fieldErrors: Record<string, string[]> | undefined): ImportError[] {
  return Object.entries(fieldErrors ?? {})
    .filter(([k]) => k.startsWith("line "))
    .map(([k, v]) => ({ line: k.replace(/^line (\d+): /, "line $1 "), message: v.join("; ") }));
}

export function ImportHostsForm() {
  const [state, action] = useActionState(importHostsAction, null);
  const errors = state && !state.ok ? rowErrors(state.fieldErrors) : [];
  return (
    <form action={action} aria-label="Import hosts" className="space-y-3">
      {state?.ok ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Imported {(state.data as { created: number }).created} host(s).
        </div>
      ) : (
        <FormMessage state={state} />
      )}
      {errors.length > 0 && (
        <ul aria-label="Import errors" className="max-h-48 overflow-y-auto rounded-md border border-red-200 bg-white px-3 py-2 font-mono text-xs text-red-800">
          {errors.map((e) => <li key={e.line}>{e.line}: {e.message}</li>)}
        </ul>
      )}
      <Field id="import-content" label="CSV or JSON" hint="CSV header: name,address,sshPort,sshUser,cluster,names,ips,migrationAddress,tags. All rows are checked; one bad row rejects the whole import.">
        <Textarea id="import-content" name="content" rows={6} defaultValue={state && !state.ok ? (state.values?.content ?? "") : ""} placeholder={"name,address,cluster\nhv1,198.18.0.11,prod"} />
      </Field>
      <div className="flex flex-wrap items-end gap-3">
        <Field id="import-file" label="…or upload a file">
          <input id="import-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" className="text-sm" />
        </Field>
        <Field id="import-format" label="Format">
          <Select id="import-format" name="format" defaultValue="auto">
            <option value="auto">detect</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </Select>
        </Field>
        <SubmitButton pendingText="Importing…">Import hosts</SubmitButton>
      </div>
    </form>
  );
}
