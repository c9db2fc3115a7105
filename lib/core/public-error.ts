import crypto from "node:crypto";
import { z } from "zod";
import type { Logger } from "@/lib/core/context";
import { isDomainError, type ErrorCode, type FieldErrors } from "@/lib/core/errors";
import { uniqueConflict } from "@/lib/core/db-errors";
import { validationError } from "@/lib/core/validation";

// What a user may see of a failure: route handlers, server actions and the job runner all answer with it.
export interface PublicError {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

// 4 random bytes: enough to find the log line, too few to say anything about the server.
export const newErrorRef = () => crypto.randomBytes(4).toString("hex");

// DomainErrors (and zod and unique-constraint failures, which are the caller's fault) are shown as
// they are; anything else is logged with a reference and shown only as "Unexpected error (ref X)".
export function toPublicError(e: unknown, log: Logger, context: Record<string, unknown> = {}): PublicError {
  const known = e instanceof z.ZodError ? validationError(e) : uniqueConflict(e);
  if (isDomainError(known)) return { code: known.code, message: known.message, ...(known.fieldErrors ? { fieldErrors: known.fieldErrors } : {}) };
  const ref = newErrorRef();
  log.error("unexpected error", { ...context, ref, error: e instanceof Error ? e.stack : String(e) });
  return { code: "INTERNAL", message: `Unexpected error (ref ${ref})` };
}
