import net from "node:net";

// Which addresses the dashboard may open connections to. Pure: parsing, CIDR containment and the
// rule; name resolution happens at connect time (lib/core/ssh/resolve-address.ts).

export interface Ip {
  family: 4 | 6;
  value: bigint;
}

export interface Network extends Ip {
  prefix: number;
  /** Canonical "address/prefix", as stored and shown. */
  text: string;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAPPED_V4 = 0xffffn; // ::ffff:a.b.c.d

// inet_aton's forms, which getaddrinfo (and so ssh2) accepts: "127.1", "0", "0x7f.1", "017700000001".
// Each part is decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes.
function parseInetAton(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length > 4) return null;
  const values: bigint[] = [];
  for (const p of parts) {
    if (/^0x[0-9a-f]+$/i.test(p)) values.push(BigInt(p));
    else if (/^0[0-7]*$/.test(p)) values.push(p.length > 1 ? BigInt("0o" + p.slice(1)) : 0n);
    else if (/^[1-9][0-9]*$/.test(p)) values.push(BigInt(p));
    else return null;
  }
  const last = values.pop() as bigint;
  const lastBits = BigInt(8 * (4 - values.length));
  if (values.some((v) => v > 255n) || last >= 1n << lastBits) return null;
  return values.reduce((acc, v, i) => acc | (v << BigInt(24 - 8 * i)), 0n) | last;
}

function parseIpv6(s: string): bigint | null {
  const bare = s.split("%")[0]; // a zone ("fe80::1%eth0") names an interface, not an address
  if (!net.isIPv6(bare)) return null;
  let text = bare;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = Number(parseInetAton(dotted[1]));
    text = text.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt("0x" + g), 0n);
}

// An IP literal in any form the resolver would take as one; IPv4-mapped IPv6 becomes IPv4.
export function parseIp(s: string): Ip | null {
  if (s.includes(":")) {
    const v = parseIpv6(s);
    if (v === null) return null;
    return v >> 32n === MAPPED_V4 ? { family: 4, value: v & 0xffffffffn } : { family: 6, value: v };
  }
  const v = parseInetAton(s);
  return v === null ? null : { family: 4, value: v };
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24, 16, 8, 0].map((s) => Number((ip.value >> BigInt(s)) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

const hostMask = (family: 4 | 6, prefix: number) => (1n << BigInt(BITS[family] - prefix)) - 1n;

// "10.0.0.0/8", "fd00::/8", or one address. Networks are written plainly (dotted quads, no
// short forms) so the setting reads the same to everyone; host bits are cleared.
export function parseNetwork(text: string): Network | null {
  const [addr, len, extra] = text.trim().split("/");
  if (extra !== undefined || (!net.isIPv4(addr) && !net.isIPv6(addr))) return null;
  const parsed = parseIp(addr) as Ip;
  const written = net.isIPv4(addr) ? 4 : 6;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  let prefix = len === undefined ? BITS[written] : Number(len);
  if (prefix > BITS[written]) return null;
  if (written === 6 && parsed.family === 4) {
    if (prefix < 96) return null; // half a mapped range is no IPv4 network
    prefix -= 96;
  }
  const value = parsed.value & ~hostMask(parsed.family, prefix);
  return { family: parsed.family, value, prefix, text: `${formatIp({ family: parsed.family, value })}/${prefix}` };
}

export function networkContains(n: Network, ip: Ip): boolean {
  return n.family === ip.family && (ip.value & ~hostMask(n.family, n.prefix)) === n.value;
}

// Ranges that reach the dashboard's own machine or its link: refused unless allowed explicitly.
export const SPECIAL_NETWORKS: readonly { network: Network; name: string }[] = [
  ["0.0.0.0/8", "this host"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["::/128", "this host"],
  ["::1/128", "loopback"],
  ["fe80::/10", "link-local"],
].map(([text, name]) => ({ network: parseNetwork(text) as Network, name }));

/**
 * No networks listed: any address except the special ranges. Networks listed: only addresses in
 * them. A special address needs a listed network inside its range ("127.0.0.0/8" allows loopback,
 * "0.0.0.0/0" does not), so a broad allow-all never opens the dashboard's own ports by accident.
 */
export function ipAllowed(ip: Ip, allowed: readonly Network[]): boolean {
  const special = SPECIAL_NETWORKS.find((s) => networkContains(s.network, ip))?.network;
  if (allowed.length === 0) return !special;
  return allowed.some((n) => networkContains(n, ip) && (!special || n.prefix >= special.prefix));
}

const LOCALHOST = /^(.+\.)?localhost$/i; // RFC 6761: always the loopback, whatever DNS says

/**
 * The check at create, import and update, before any DNS: IP literals in every form, and
 * "localhost". Other names are checked after resolution, when the dashboard connects.
 * Returns why the address is refused, or null.
 */
export function refusedHostAddress(address: string, allowed: readonly Network[]): string | null {
  const ip = LOCALHOST.test(address) ? (parseIp("127.0.0.1") as Ip) : parseIp(address);
  if (!ip || ipAllowed(ip, allowed)) return null;
  return refusalMessage(address);
}

export function refusalMessage(address: string): string {
  return `${address.slice(0, 64)} is outside the networks the dashboard may reach (Settings: allowed host networks)`;
}
