"use client";
import { useActionState } from "react";
import { loginAction } from "@/app/login/actions";
import { Field, Input } from "@/components/ui/field";
import { FormMessage, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm() {
  const [state, action] = useActionState(loginAction, null);
  return (
    <form action={action} className="space-y-4" aria-label="Log in">
      <FormMessage state={state} />
      <Field id="login-name" label="User name">
        <Input id="login-name" name="name" autoComplete="username" required defaultValue={valueOf(state, "name")} autoFocus />
      </Field>
      <Field id="login-password" label="Password">
        <Input id="login-password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
    </form>
  );
}
