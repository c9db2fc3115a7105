"use client";
import { useActionState } from "react";
import { createTokenAction, createUserAction, revokeTokenAction } from "./actions";
import { Field, Input, Select, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "@/components/copy-button";

const ROLE_OPTIONS = [
  { value: "viewer", label: "viewer: read only" },
  { value: "operator", label: "operator: inventory, provisioning, migration" },
  { value: "admin", label: "admin: users, tokens, CA, policy" },
];

export function CreateUserForm() {
  const [state, action] = useActionState(createUserAction, null);
  const ok = state?.ok;
  const err = (k: string) => fieldErrors(state, k);
  return (
    <form action={action} aria-label="Create user" className="space-y-3">
      <FormMessage state={state} success={ok ? `User ${(state.data as { name: string }).name} created.` : undefined} />
      <div className="grid gap-3 md:grid-cols-[1fr_1fr_1fr_auto] md:items-start">
        <Field id="user-name" label="User name" errors={err("name")}>
          <Input id="user-name" name="name" required autoComplete="off" defaultValue={ok ? "" : valueOf(state, "name")} {...errorProps("user-name", err("name"))} />
        </Field>
        <Field id="user-password" label="Password" hint="At least 12 characters; not a common password" errors={err("password")}>
          <Input id="user-password" name="password" type="password" required autoComplete="new-password" {...errorProps("user-password", err("password"))} />
        </Field>
        <Field id="user-role" label="Role" errors={err("role")}>
          <Select id="user-role" name="role" defaultValue={ok ? "viewer" : valueOf(state, "role", "viewer")}>
            {ROLE_OPTIONS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </Select>
        </Field>
        <div className="md:pt-5"><SubmitButton>Create user</SubmitButton></div>
      </div>
    </form>
  );
}

export function CreateTokenForm() {
  const [state, action] = useActionState(createTokenAction, null);
  const created = state?.ok ? (state.data as { token: string; name: string; role: string }) : null;
  const err = (k: string) => fieldErrors(state, k);
  return (
    <form action={action} aria-label="Create API token" className="space-y-3">
      <FormMessage state={state} />
      {created && (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Token <strong>{created.name}</strong> ({created.role}) created. Copy it now: it is shown only once.</p>
          <div className="flex items-center gap-2">
            <code id="new-token" aria-label="New API token" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">{created.token}</code>
            <CopyButton text={created.token} label="Copy token" targetId="new-token" />
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-[1fr_1fr_10rem_auto] md:items-start">
        <Field id="token-name" label="Token name" errors={err("name")}>
          <Input id="token-name" name="name" required autoComplete="off" defaultValue={created ? "" : valueOf(state, "name")} {...errorProps("token-name", err("name"))} />
        </Field>
        <Field id="token-role" label="Token role" errors={err("role")}>
          <Select id="token-role" name="role" defaultValue={created ? "viewer" : valueOf(state, "role", "viewer")}>
            {ROLE_OPTIONS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </Select>
        </Field>
        <Field id="token-expiry" label="Expires in (days)" hint="Empty: until revoked" errors={err("expiresInDays")}>
          <Input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} defaultValue={created ? "" : valueOf(state, "expiresInDays")} {...errorProps("token-expiry", err("expiresInDays"))} />
        </Field>
        <div className="md:pt-5"><SubmitButton>Create token</SubmitButton></div>
      </div>
    </form>
  );
}

export function RevokeTokenForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(revokeTokenAction, null);
  return (
    <form action={action} aria-label={`Revoke ${name}`} onSubmit={(e) => { if (!window.confirm(`Revoke token ${name}? Scripts using it stop working.`)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingText="Revoking…">Revoke</SubmitButton>
      {state && !state.ok && <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
