"use client";
import { useActionState } from "react";
import { deleteHostAction, updateHostAction } from "./actions";
import { HostFields, type HostDefaults } from "../host-fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function EditHostForm({ id, defaults, clusters }: { id: string; defaults: HostDefaults; clusters: { id: string; name: string }[] }) {
  const [state, action] = useActionState(updateHostAction, null);
  return (
    <form action={action} aria-label="Edit host" className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} success={state?.ok ? "Saved." : undefined} />
      <HostFields state={state} defaults={defaults} clusters={clusters} prefix="edit-host" />
      <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
    </form>
  );
}

export function DeleteHostForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(deleteHostAction, null);
  return (
    <form
      action={action}
      aria-label="Delete host"
      onSubmit={(e) => { if (!window.confirm(`Delete host ${name}? Its certificates are revoked and a new CRL is published, so its key is no longer trusted by the fleet. Its facts and job history links go with it; its certificate history stays.`)) e.preventDefault(); }}
      className="space-y-2"
    >
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-600">Deleting a host decommissions it: its certificates are revoked (a new CRL is published) and stay on record under its name.</p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingText="Deleting…">Delete host</SubmitButton>
    </form>
  );
}
