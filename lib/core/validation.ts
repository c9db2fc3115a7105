import { z } from "zod";
import { DomainError } from "@/lib/core/errors";

// Every edge and every core verb parses with zod; failures become one VALIDATION error naming the fields.
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error);
}

export function validationError(error: z.ZodError, prefix = ""): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length ? issue.path.join(".") : "(body)");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v[0]}`).join("; ");
  return new DomainError("VALIDATION", `Invalid input: ${summary}`, { fieldErrors });
}

const LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
export const DNS_NAME_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

export const DnsName = z.string().max(253).regex(DNS_NAME_RE, "a DNS name (letters, digits, '-', '.')");
export const IpAddress = z.union([z.ipv4(), z.ipv6()], { error: "an IPv4 or IPv6 address" });
export const NetworkAddress = z.union([z.ipv4(), z.ipv6(), DnsName], { error: "a DNS name or an IP address" });
export const Id = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "an id");
export const Sha256Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "SHA256:<43 base64 characters>");
