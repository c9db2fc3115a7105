"use client";
import { useActionState } from "react";
import { beginEnrolmentAction, confirmEnrolmentAction, disableTotpAction } from "./actions";
import { Field, Input, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

// Step 1 makes a new secret (shown once, as a QR code and as text); step 2 confirms it with a code
// and shows the recovery codes, once.
export function EnrolForm() {
  const [begun, begin] = useActionState(beginEnrolmentAction, null);
  const [confirmed, confirm] = useActionState(confirmEnrolmentAction, null);
  const enrolment = begun?.ok ? begun.data : null;
  if (confirmed?.ok) {
    return (
      <div role="status" className="space-y-2 text-sm">
        <p className="font-medium text-emerald-800">Two-factor login is on.</p>
        <p>Recovery codes (each works once, if you lose your phone). Store them now: they are not shown again.</p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono">
          {confirmed.data.recoveryCodes.map((c) => <li key={c}>{c}</li>)}
        </ul>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load on purpose: the session has just left the must-enrol state */}
        <a href="/" className="text-sky-700 underline">Continue to the dashboard</a>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <form action={begin} aria-label="Start two-factor enrolment">
        <FormMessage state={begun} />
        <SubmitButton variant={enrolment ? "secondary" : "primary"}>{enrolment ? "Make a new QR code" : "Show a QR code"}</SubmitButton>
      </form>
      {enrolment && (
        <div className="space-y-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server */}
          <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
          <p className="text-xs text-slate-600">Or type this key: <code className="font-mono break-all">{enrolment.secret}</code></p>
          <form action={confirm} aria-label="Confirm two-factor enrolment" className="space-y-3">
            <FormMessage state={confirmed} />
            <Field id="enrol-code" label="The 6-digit code your app shows" errors={fieldErrors(confirmed, "code")}>
              <Input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" required {...errorProps("enrol-code", fieldErrors(confirmed, "code"))} />
            </Field>
            <SubmitButton>Turn on two-factor login</SubmitButton>
          </form>
        </div>
      )}
    </div>
  );
}

export function DisableForm() {
  const [state, action] = useActionState(disableTotpAction, null);
  if (state?.ok) return <p role="status" className="text-sm">Two-factor login is off.</p>;
  return (
    <form action={action} aria-label="Turn off two-factor login" className="space-y-3">
      <FormMessage state={state} />
      <Field id="totp-off-password" label="Your password" errors={fieldErrors(state, "password")}>
        <Input id="totp-off-password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton variant="danger">Turn off two-factor login</SubmitButton>
    </form>
  );
}
