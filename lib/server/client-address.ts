import { isIP } from "node:net";
import { env } from "@/lib/server/env";
import { stampedPeer } from "@/lib/server/peer-address";

// Who is asking, for login throttling and the audit log. X-Forwarded-For is believed only when
// VIRTSHIELD_TRUSTED_PROXY=1 says a proxy sets it; then its last entry is the one that proxy
// added (entries further left are whatever the client sent).
export function clientAddress(headers: Headers, trustProxy = env().VIRTSHIELD_TRUSTED_PROXY === "1"): string {
  if (trustProxy) {
    const last = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (last && isIP(normalize(last))) return normalize(last);
  }
  const peer = stampedPeer(headers);
  return peer ? normalize(peer) : "unknown";
}

// "::ffff:192.0.2.1" and "192.0.2.1" are one client.
function normalize(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
