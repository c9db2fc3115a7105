"use server";
import { z } from "zod";
import { createHost } from "@/lib/core/inventory/hosts";
import { importHosts } from "@/lib/core/inventory/import-hosts";
import { DomainError } from "@/lib/core/errors";
import { formValues, runAction, runFormAction, type ActionState } from "@/lib/server/action";
import { HostForm } from "./host-input";

export async function createHostAction(_prev: ActionState, form: FormData) {
  return runFormAction("hosts:write", "host.create", form, HostForm, ({ ctx, input }) => createHost(ctx, input));
}

const IMPORT_FORMATS = z.enum(["auto", "csv", "json"]);

// Pasted text wins over an uploaded file; "auto" looks at the file name, then at the first character.
async function importText(form: FormData): Promise<{ text: string; format: "csv" | "json" }> {
  const pasted = String(form.get("content") ?? "");
  const file = form.get("file");
  const upload = file instanceof File && file.size > 0 ? file : null;
  const text = pasted.trim() ? pasted : upload ? await upload.text() : "";
  if (!text.trim()) throw new DomainError("VALIDATION", "Paste CSV or JSON, or choose a file to upload", { fieldErrors: { content: ["required"] } });
  const chosen = IMPORT_FORMATS.catch("auto").parse(form.get("format"));
  if (chosen !== "auto") return { text, format: chosen };
  if (!pasted.trim() && upload?.name.toLowerCase().endsWith(".json")) return { text, format: "json" };
  if (!pasted.trim() && upload?.name.toLowerCase().endsWith(".csv")) return { text, format: "csv" };
  return { text, format: /^\s*[[{]/.test(text) ? "json" : "csv" };
}

export async function importHostsAction(_prev: ActionState, form: FormData) {
  const values = formValues(form);
  return runAction("hosts:write", "host.import", async ({ ctx }) => {
    const { text, format } = await importText(form);
    return importHosts(ctx, text, format);
  }, { values });
}
