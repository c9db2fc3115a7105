"use server";
import { z } from "zod";
import { createCa, importExistingCa, useExternalCa } from "@/lib/core/pki/authority";
import { publishCrl } from "@/lib/core/pki/crl";
import { updatePkiSettings } from "@/lib/core/pki/settings";
import { formText, optionalText, runAction, runFormAction, type ActionState } from "@/lib/server/action";

// Numbers arrive as text; the core verb's own schema decides what is valid (NaN included).
const formNumber = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? Number(s) : undefined));

const NewCaForm = z.object({ commonName: optionalText, validityDays: formNumber, keyBits: formNumber });
const ExternalForm = z.object({ certificatePem: formText });
const SettingsForm = z.object({ organization: formText, leafValidityDays: formNumber, leafKeyBits: formNumber, renewBeforeDays: formNumber });

// Blank fields mean "the default": leave them out rather than pass undefined over a stored value.
const given = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v.trim() : "";
};

export async function createCaAction(_prev: ActionState, form: FormData) {
  return runFormAction("ca:admin", "ca.create", form, NewCaForm, async ({ ctx, input }) => {
    const ca = await createCa(ctx, given(input));
    return { subject: ca.subject, notAfter: ca.notAfter };
  });
}

// Not runFormAction: its echo of the submitted values would send the private key back to the browser.
export async function importCaAction(_prev: ActionState, form: FormData) {
  const certificatePem = text(form, "certificatePem");
  return runAction(
    "ca:admin",
    "ca.import",
    async ({ ctx }) => {
      const ca = await importExistingCa(ctx, { certificatePem, privateKeyPem: text(form, "privateKeyPem") });
      return { subject: ca.subject, notAfter: ca.notAfter };
    },
    { values: { certificatePem } },
  );
}

export async function externalCaAction(_prev: ActionState, form: FormData) {
  return runFormAction("ca:admin", "ca.external", form, ExternalForm, async ({ ctx, input }) => {
    const ca = await useExternalCa(ctx, input);
    return { subject: ca.subject, notAfter: ca.notAfter };
  });
}

export async function publishCrlAction(_prev: ActionState) {
  return runAction("ca:admin", "ca.publish-crl", async ({ ctx }) => ({ crlNumber: (await publishCrl(ctx)).crlNumber }));
}

export async function updatePkiSettingsAction(_prev: ActionState, form: FormData) {
  return runFormAction("ca:admin", "pki.settings", form, SettingsForm, ({ ctx, input }) => updatePkiSettings(ctx, given(input)));
}
