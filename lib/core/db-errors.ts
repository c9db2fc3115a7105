import { DomainError, type FieldErrors } from "@/lib/core/errors";

// Prisma errors are recognised by their codes, never by message text.
function prismaCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => prismaCode(e) === "P2002";

// The one place a unique-constraint violation becomes a 409: core verbs pass their own wording,
// toPublicError falls back to a generic one. Anything else is returned unchanged, to be rethrown.
export function uniqueConflict(e: unknown, message = "A record with these values already exists", fieldErrors?: FieldErrors): unknown {
  return isUniqueViolation(e) ? new DomainError("CONFLICT", message, { cause: e, fieldErrors }) : e;
}
