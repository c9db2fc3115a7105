import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can, type Actor, type Permission } from "@/lib/core/auth/roles";
import type { CoreContext } from "@/lib/core/context";
import type { FieldErrors } from "@/lib/core/errors";
import { toPublicError } from "@/lib/core/public-error";
import { validationError } from "@/lib/core/validation";
import { sessionActor } from "@/lib/server/auth";
import { logger, serverContext } from "@/lib/server/context";
import { recordRefusal } from "@/lib/server/refusal";
import type { ActionResult } from "@/lib/action-result";

// The answer shape lives in lib/action-result.ts, so client forms import it without lib/server.
export type { ActionResult, ActionState } from "@/lib/action-result";

export interface ActionArgs {
  ctx: CoreContext;
  actor: Actor;
}

const SECRET_FIELD = /pass(word)?|secret|token|private|key$|pem$/i;

export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !SECRET_FIELD.test(k)) out[k] = v;
  }
  return out;
}

// Field errors keyed by the form field: "names.0" from zod belongs to the "names" input.
function byField(errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return undefined;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) (out[k.startsWith("line ") ? k : k.split(".")[0]] ??= []).push(...v);
  return out;
}

function failure(e: unknown, action: string): ActionResult<never> {
  const { code, message, fieldErrors } = toPublicError(e, logger(), { in: "server action", action });
  return { ok: false, code, message, ...(fieldErrors ? { fieldErrors: byField(fieldErrors) } : {}) };
}

async function refuse(actor: Actor | null, action: string, code: "UNAUTHENTICATED" | "FORBIDDEN"): Promise<ActionResult<never>> {
  await recordRefusal(actor, `ui.${action}`, code);
  return code === "UNAUTHENTICATED"
    ? { ok: false, code, message: "Your session has ended: log in again" }
    : { ok: false, code, message: `The ${actor?.role} role may not do this` };
}

// Every server action: session, role, one core verb, a result the form can show.
export async function runAction<T>(
  permission: Permission,
  action: string,
  fn: (args: ActionArgs) => Promise<T>,
  opts: { values?: Record<string, string>; revalidate?: boolean } = {},
): Promise<ActionResult<T>> {
  const actor = await sessionActor();
  if (!actor) return { ...(await refuse(null, action, "UNAUTHENTICATED")), values: opts.values };
  if (!can(actor.role, permission)) return { ...(await refuse(actor, action, "FORBIDDEN")), values: opts.values };
  try {
    const data = await fn({ ctx: serverContext(actor), actor });
    if (opts.revalidate !== false) revalidatePath("/", "layout");
    return { ok: true, data, values: opts.values };
  } catch (e) {
    return { ...failure(e, action), values: opts.values };
  }
}

// The FormData flavour: parses with `schema` (field errors beside the fields) and echoes the values.
export async function runFormAction<S extends z.ZodType, T>(
  permission: Permission,
  action: string,
  form: FormData,
  schema: S,
  fn: (args: ActionArgs & { input: z.infer<S> }) => Promise<T>,
): Promise<ActionResult<T>> {
  const values = formValues(form);
  return runAction(permission, action, async (args) => fn({ ...args, input: parseForm(schema, form) }), { values });
}

function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$"))));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

// Form helpers: blank fields are absent, lists accept commas, spaces or newlines.
export const formText = z.string().trim();
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();
export const formList = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(/[\s,;]+/).filter(Boolean));
export const formPort = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? Number(s) : undefined));
