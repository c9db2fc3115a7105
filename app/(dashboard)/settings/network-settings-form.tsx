"use client";
import { useActionState } from "react";
import { updateNetworkSettingsAction } from "./network-actions";
import { Field, Textarea, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function NetworkSettingsForm({ networks }: { networks: string[] }) {
  const [state, action] = useActionState(updateNetworkSettingsAction, null);
  const saved = state?.ok ? (state.data as { allowedHostNetworks: string[] }).allowedHostNetworks : networks;
  const errors = fieldErrors(state, "allowedHostNetworks");
  return (
    <form action={action} aria-label="Allowed host networks" className="space-y-3">
      <FormMessage state={state} success={state?.ok ? (saved.length ? `Saved: hosts must be in ${saved.join(", ")}.` : "Saved: any address except loopback and link-local.") : undefined} />
      <Field
        id="allowed-host-networks"
        label="Networks host addresses may be in"
        hint="One per line, e.g. 198.18.0.0/24 or fd00::/8. Empty: any address except loopback (127.0.0.0/8, ::1), this host (0.0.0.0) and link-local (169.254.0.0/16, fe80::/10); list those ranges themselves to allow them."
        errors={errors}
      >
        <Textarea
          id="allowed-host-networks"
          name="allowedHostNetworks"
          rows={4}
          placeholder="any address except loopback and link-local"
          defaultValue={state && !state.ok ? valueOf(state, "allowedHostNetworks") : saved.join("\n")}
          key={saved.join(",")}
          {...errorProps("allowed-host-networks", errors)}
        />
      </Field>
      <SubmitButton>Save networks</SubmitButton>
    </form>
  );
}
