import { DomainError } from "@/lib/core/errors";

/**
 * Subject attribute values: 1–64 characters (RFC 5280 upper bound for CN and O), no control
 * characters, and no `*`/`?` so a DN copied into tls_allowed_dn_list (a glob) matches only itself.
 */
export function assertNameValue(value: unknown, label: string): string {
  if (typeof value !== "string" || value.trim() === "" || value.trim() !== value) {
    throw new DomainError("VALIDATION", `${label} must be a non-empty string without leading or trailing spaces.`);
  }
  if ([...value].length > 64) throw new DomainError("VALIDATION", `${label} must be at most 64 characters.`);
  if (/[\p{Cc}*?]/u.test(value)) {
    throw new DomainError("VALIDATION", `${label} must not contain control characters, "*" or "?".`);
  }
  return value;
}
