import dns from "node:dns";
import { DomainError } from "@/lib/core/errors";
import { ipAllowed, parseIp, refusalMessage, refusedHostAddress, type Network } from "@/lib/core/inventory/address-policy";

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

export const dnsLookupAll: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * Resolves `address` and returns the IP to connect to, or refuses before any packet is sent if
 * any address it resolves to is outside `allowed`. The caller connects to the returned IP, not
 * the name, so a second lookup cannot answer differently (DNS rebinding). The refusal is the
 * same whatever listens there: it says nothing about open or closed ports.
 */
export async function resolveAllowedAddress(address: string, allowed: readonly Network[], lookup: LookupAll = dnsLookupAll): Promise<string> {
  const early = refusedHostAddress(address, allowed);
  if (early) throw new DomainError("PRECONDITION_FAILED", early);
  let found: { address: string }[];
  try {
    found = await lookup(address);
  } catch (e) {
    throw new DomainError("HOST_UNREACHABLE", `${address.slice(0, 64)} could not be resolved`, { cause: e });
  }
  if (found.length === 0) throw new DomainError("HOST_UNREACHABLE", `${address.slice(0, 64)} could not be resolved`);
  for (const r of found) {
    const ip = parseIp(r.address);
    if (!ip || !ipAllowed(ip, allowed)) throw new DomainError("PRECONDITION_FAILED", refusalMessage(address));
  }
  return found[0].address;
}
