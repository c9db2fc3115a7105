"use client";
import { useActionState } from "react";
import { authSettingsAction, changeOwnPasswordAction, endSessionAction, resetPasswordAction, resetTotpAction, updateUserAction } from "./actions";
import { Field, Input, Select, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

function Inline({ state }: { state: { ok: boolean; message?: string } | null }) {
  return state && !state.ok ? <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p> : null;
}

export function UserActions({ id, name, role, disabled, totp }: { id: string; name: string; role: string; disabled: boolean; totp: boolean }) {
  const [toggled, toggle] = useActionState(updateUserAction, null);
  const [roled, changeRole] = useActionState(updateUserAction, null);
  const [reset, resetPassword] = useActionState(resetPasswordAction, null);
  const [totpReset, resetTwoFactor] = useActionState(resetTotpAction, null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={toggle} aria-label={`${disabled ? "Enable" : "Disable"} ${name}`}
        onSubmit={(e) => { if (!disabled && !window.confirm(`Disable ${name}? Their sessions and API tokens end now.`)) e.preventDefault(); }}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="op" value={disabled ? "enable" : "disable"} />
        <SubmitButton variant="secondary">{disabled ? "Enable" : "Disable"}</SubmitButton>
        <Inline state={toggled} />
      </form>
      <form action={changeRole} aria-label={`Role of ${name}`} className="flex gap-1">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="op" value="role" />
        <Select name="role" aria-label={`New role for ${name}`} defaultValue={role} className="w-28">
          <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
        </Select>
        <SubmitButton variant="secondary">Set role</SubmitButton>
        <Inline state={roled} />
      </form>
      <form action={resetPassword} aria-label={`Reset password of ${name}`} className="flex gap-1">
        <input type="hidden" name="id" value={id} />
        <Input name="password" type="password" aria-label={`New password for ${name}`} placeholder="New password" autoComplete="new-password" required className="w-40" />
        <SubmitButton variant="secondary">Reset password</SubmitButton>
        {reset?.ok ? <p role="status" className="text-xs text-emerald-700">Password set; their sessions ended.</p> : <Inline state={reset} />}
      </form>
      {totp && (
        <form action={resetTwoFactor} aria-label={`Reset two-factor of ${name}`}
          onSubmit={(e) => { if (!window.confirm(`Turn off two-factor login for ${name}? They can log in with the password alone until they enrol again.`)) e.preventDefault(); }}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="secondary">Reset two-factor</SubmitButton>
          <Inline state={totpReset} />
        </form>
      )}
    </div>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changeOwnPasswordAction, null);
  const err = (k: string) => fieldErrors(state, k);
  return (
    <form action={action} aria-label="Change my password" className="space-y-3">
      <FormMessage state={state} success={state?.ok ? "Password changed. Your other sessions have ended." : undefined} />
      <div className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-start">
        <Field id="current-password" label="Current password" errors={err("currentPassword")}>
          <Input id="current-password" name="currentPassword" type="password" required autoComplete="current-password" {...errorProps("current-password", err("currentPassword"))} />
        </Field>
        <Field id="new-password" label="New password" hint="At least 12 characters; not a common password" errors={err("newPassword")}>
          <Input id="new-password" name="newPassword" type="password" required autoComplete="new-password" {...errorProps("new-password", err("newPassword"))} />
        </Field>
        <div className="md:pt-5"><SubmitButton>Change password</SubmitButton></div>
      </div>
    </form>
  );
}

export function EndSessionForm({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(endSessionAction, null);
  return (
    <form action={action} aria-label={`End session ${label}`}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingText="Ending…">End</SubmitButton>
      <Inline state={state} />
    </form>
  );
}

export function AuthSettingsForm({ requireAdminTotp }: { requireAdminTotp: boolean }) {
  const [state, action] = useActionState(authSettingsAction, null);
  return (
    <form action={action} aria-label="Login settings" className="space-y-3">
      <FormMessage state={state} success={state?.ok ? "Saved." : undefined} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="requireAdminTotp" defaultChecked={requireAdminTotp} />
        Require two-factor login for admins (an admin without it is sent to enrol after the password)
      </label>
      <SubmitButton variant="secondary">Save</SubmitButton>
    </form>
  );
}
