"use client";
import { useActionState } from "react";
import { codeAction } from "@/app/login/actions";
import { Field, Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function CodeForm() {
  const [state, action] = useActionState(codeAction, null);
  return (
    <form action={action} className="space-y-4" aria-label="Two-factor code">
      <FormMessage state={state} />
      <Field id="login-code" label="Code from your authenticator app">
        <Input id="login-code" name="code" autoComplete="one-time-code" inputMode="numeric" required autoFocus />
      </Field>
      <SubmitButton pendingText="Checking…">Continue</SubmitButton>
    </form>
  );
}
