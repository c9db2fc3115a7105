import { isIP } from "node:net";
import { DomainError } from "@/lib/core/errors";
import { formatIp, parseIp } from "./ip";
import type { HostIdentity } from "./types";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_SAN_ENTRIES = 100;

export interface HostNames {
  /** The certificate CN: the host name as given. */
  name: string;
  dnsNames: string[];
  ips: string[];
}

function isHostname(name: string): boolean {
  return name.length <= 253 && name.split(".").every((label) => LABEL.test(label));
}

/** RFC 6125 as GnuTLS applies it: a wildcard only as the whole leftmost label, three labels or more. */
function isDnsName(name: string): boolean {
  if (name.startsWith("*.")) return name.split(".").length >= 3 && isHostname(name.slice(2));
  return isHostname(name);
}

function fieldError(field: string, message: string): DomainError {
  return new DomainError("VALIDATION", message, { fieldErrors: { [field]: [message] } });
}

/**
 * Checks the names going into a host's certificates and returns them deduplicated and in
 * canonical form. The host name joins the SAN: as a DNS name, or as an IP when it is an IP literal.
 */
export function normaliseHostNames(host: HostIdentity): HostNames {
  const name = typeof host?.name === "string" ? host.name.trim() : "";
  if (!isHostname(name.toLowerCase())) {
    throw fieldError("name", `Host name "${name}" is not a valid hostname (letters, digits, "-" and ".").`);
  }
  if (name.length > 64) throw fieldError("name", "Host name must be at most 64 characters (X.509 CN limit).");
  if (!Array.isArray(host.dnsNames) || !Array.isArray(host.ips)) {
    throw new DomainError("VALIDATION", "dnsNames and ips must be arrays of strings.");
  }

  const dns = new Set<string>();
  const ips = new Set<string>();
  const addIp = (text: string) => {
    const raw = typeof text === "string" ? parseIp(text.trim()) : null;
    if (!raw) throw fieldError("ips", `"${String(text)}" is not a valid IPv4 or IPv6 address.`);
    ips.add(formatIp(raw));
  };
  if (isIP(name)) addIp(name);
  else dns.add(name.toLowerCase());
  for (const entry of host.dnsNames) {
    const dnsName = typeof entry === "string" ? entry.trim().toLowerCase().replace(/\.$/, "") : "";
    if (isIP(dnsName)) throw fieldError("dnsNames", `"${dnsName}" is an IP address: list it under ips.`);
    if (!isDnsName(dnsName)) throw fieldError("dnsNames", `"${String(entry)}" is not a valid DNS name.`);
    dns.add(dnsName);
  }
  host.ips.forEach(addIp);
  if (dns.size + ips.size > MAX_SAN_ENTRIES) {
    throw new DomainError("VALIDATION", `At most ${MAX_SAN_ENTRIES} DNS names and IPs per certificate.`);
  }
  return { name, dnsNames: [...dns], ips: [...ips] };
}
