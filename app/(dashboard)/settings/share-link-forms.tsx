"use client";
import { useActionState } from "react";
import { SHARE_LINK_DEFAULT_DAYS, SHARE_LINK_MAX_DAYS } from "@/lib/core/auth/share-link-limits";
import { createShareLinkAction, revokeShareLinkAction } from "./share-link-actions";
import { Field, Input, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "@/components/copy-button";

// The absolute URL to hand out; built in the browser, where the form's answer arrives.
const wallUrl = (key: string) => (typeof window === "undefined" ? `/wall?key=${key}` : new URL(`/wall?key=${encodeURIComponent(key)}`, window.location.href).toString());

export function CreateShareLinkForm() {
  const [state, action] = useActionState(createShareLinkAction, null);
  const created = state?.ok ? (state.data as { key: string; name: string; expiresAt: string }) : null;
  const err = (k: string) => fieldErrors(state, k);
  return (
    <form action={action} aria-label="Create share link" className="space-y-3">
      <FormMessage state={state} />
      {created && (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Share link <strong>{created.name}</strong> created, valid until {created.expiresAt.replace("T", " ").slice(0, 16)} UTC. Copy it now: it is shown only once.</p>
          <div className="flex items-center gap-2">
            <code id="new-share-link" aria-label="New share link" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">{wallUrl(created.key)}</code>
            <CopyButton text={wallUrl(created.key)} label="Copy share link" targetId="new-share-link" />
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-[1fr_10rem_auto] md:items-start">
        <Field id="share-name" label="Link name" hint="Where it is used, e.g. NOC screen" errors={err("name")}>
          <Input id="share-name" name="name" required autoComplete="off" defaultValue={created ? "" : valueOf(state, "name")} {...errorProps("share-name", err("name"))} />
        </Field>
        <Field id="share-expiry" label="Expires in (days)" hint={`1-${SHARE_LINK_MAX_DAYS}`} errors={err("expiresInDays")}>
          <Input id="share-expiry" name="expiresInDays" type="number" min={1} max={SHARE_LINK_MAX_DAYS} defaultValue={created ? String(SHARE_LINK_DEFAULT_DAYS) : valueOf(state, "expiresInDays", String(SHARE_LINK_DEFAULT_DAYS))} {...errorProps("share-expiry", err("expiresInDays"))} />
        </Field>
        <div className="md:pt-5"><SubmitButton>Create share link</SubmitButton></div>
      </div>
    </form>
  );
}

export function RevokeShareLinkForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(revokeShareLinkAction, null);
  return (
    <form action={action} aria-label={`Revoke share link ${name}`} onSubmit={(e) => { if (!window.confirm(`Revoke share link ${name}? Screens using it stop showing the status.`)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingText="Revoking…">Revoke</SubmitButton>
      {state && !state.ok && <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
