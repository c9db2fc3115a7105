"use client";
import { useActionState } from "react";
import type { PkiSettings } from "@/lib/core/pki/settings";
import { createCaAction, externalCaAction, importCaAction, publishCrlAction, updatePkiSettingsAction } from "./actions";
import { Field, Input, Select, Textarea, errorProps } from "@/components/ui/field";
import { FormMessage, fieldErrors, valueOf } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const KEY_BITS = ["2048", "3072", "4096"];

export function CreateCaForm() {
  const [state, action] = useActionState(createCaAction, null);
  const err = (k: string) => fieldErrors(state, k);
  return (
    <form action={action} aria-label="Create CA" className="space-y-3">
      <FormMessage state={state} />
      <Field id="ca-cn" label="Common name" hint="Defaults to “virtshield CA”." errors={err("commonName")}>
        <Input id="ca-cn" name="commonName" placeholder="virtshield CA" defaultValue={valueOf(state, "commonName")} {...errorProps("ca-cn", err("commonName"))} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="ca-days" label="Validity (days)" errors={err("validityDays")}>
          <Input id="ca-days" name="validityDays" type="number" min={30} max={36500} defaultValue={valueOf(state, "validityDays", "3650")} {...errorProps("ca-days", err("validityDays"))} />
        </Field>
        <Field id="ca-bits" label="Key bits" errors={err("keyBits")}>
          <Select id="ca-bits" name="keyBits" defaultValue={valueOf(state, "keyBits", "3072")}>
            {KEY_BITS.map((b) => <option key={b} value={b}>{b}</option>)}
          </Select>
        </Field>
      </div>
      <SubmitButton pendingText="Generating…">Create CA</SubmitButton>
    </form>
  );
}

// The key is posted once and never echoed back; after a refusal it must be pasted again.
export function ImportCaForm() {
  const [state, action] = useActionState(importCaAction, null);
  return (
    <form action={action} aria-label="Import CA" className="space-y-3">
      <FormMessage state={state} />
      <Field id="import-cert" label="CA certificate (PEM)">
        <Textarea id="import-cert" name="certificatePem" rows={6} required placeholder="-----BEGIN CERTIFICATE-----" defaultValue={valueOf(state, "certificatePem")} />
      </Field>
      <Field id="import-key" label="CA private key (PEM, unencrypted)" hint="Stored encrypted; never shown again.">
        <Textarea id="import-key" name="privateKeyPem" rows={6} required autoComplete="off" spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" />
      </Field>
      <SubmitButton pendingText="Importing…">Import CA</SubmitButton>
    </form>
  );
}

export function ExternalCaForm() {
  const [state, action] = useActionState(externalCaAction, null);
  return (
    <form action={action} aria-label="Use external certificates" className="space-y-3">
      <FormMessage state={state} />
      <Field id="external-cert" label="CA certificate (PEM)" errors={fieldErrors(state, "certificatePem")}>
        <Textarea id="external-cert" name="certificatePem" rows={6} required placeholder="-----BEGIN CERTIFICATE-----" defaultValue={valueOf(state, "certificatePem")} />
      </Field>
      <SubmitButton pendingText="Saving…">Use external certificates</SubmitButton>
    </form>
  );
}

export function PublishCrlForm() {
  const [state, action] = useActionState(publishCrlAction, null);
  return (
    <form action={action} aria-label="Publish CRL" className="space-y-2">
      <SubmitButton variant="secondary" pendingText="Publishing…">Publish CRL now</SubmitButton>
      <FormMessage state={state} success={state?.ok ? `CRL #${(state.data as { crlNumber: number }).crlNumber} published.` : undefined} />
    </form>
  );
}

export function PkiSettingsForm({ settings }: { settings: PkiSettings }) {
  const [state, action] = useActionState(updatePkiSettingsAction, null);
  const err = (k: string) => fieldErrors(state, k);
  const v = (k: keyof PkiSettings) => valueOf(state, k, String(settings[k]));
  return (
    <form action={action} aria-label="PKI settings" className="space-y-3">
      <FormMessage state={state} success={state?.ok ? "Settings saved. They apply to certificates issued from now on." : undefined} />
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="pki-org" label="Organization (O=)" errors={err("organization")}>
          <Input id="pki-org" name="organization" required defaultValue={v("organization")} {...errorProps("pki-org", err("organization"))} />
        </Field>
        <Field id="pki-days" label="Leaf validity (days)" errors={err("leafValidityDays")}>
          <Input id="pki-days" name="leafValidityDays" type="number" min={1} max={3650} required defaultValue={v("leafValidityDays")} {...errorProps("pki-days", err("leafValidityDays"))} />
        </Field>
        <Field id="pki-bits" label="Leaf key bits" errors={err("leafKeyBits")}>
          <Select id="pki-bits" name="leafKeyBits" defaultValue={v("leafKeyBits")}>
            {KEY_BITS.map((b) => <option key={b} value={b}>{b}</option>)}
          </Select>
        </Field>
        <Field id="pki-renew" label="Renew before (days)" errors={err("renewBeforeDays")}>
          <Input id="pki-renew" name="renewBeforeDays" type="number" min={1} max={365} required defaultValue={v("renewBeforeDays")} {...errorProps("pki-renew", err("renewBeforeDays"))} />
        </Field>
      </div>
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
