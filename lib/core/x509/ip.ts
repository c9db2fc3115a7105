import { isIPv4, isIPv6 } from "node:net";

/** 4 or 16 bytes from an IP address literal; null when it is not a plain v4/v6 address. */
export function parseIp(text: string): Buffer | null {
  if (isIPv4(text)) return Buffer.from(text.split(".").map(Number));
  if (!isIPv6(text) || text.includes("%")) return null;
  let head = text;
  let tail4: number[] = [];
  const v4 = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    head = `${v4[1]}0:0`;
    tail4 = v4[2].split(".").map(Number);
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, null];
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const l = groups(left);
  const r = right === null ? [] : groups(right);
  const all = right === null ? l : [...l, ...Array<number>(8 - l.length - r.length).fill(0), ...r];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  if (tail4.length) Buffer.from(tail4).copy(out, 12);
  return out;
}

/** Dotted quad, or RFC 5952 text for IPv6 (lowercase, longest zero run compressed). */
export function formatIp(raw: Buffer): string {
  if (raw.length === 4) return [...raw].join(".");
  if (raw.length !== 16) return raw.toString("hex");
  const groups = Array.from({ length: 8 }, (_, i) => raw.readUInt16BE(i * 2));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { start: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  const left = hex.slice(0, best.start).join(":");
  const right = hex.slice(best.start + best.len).join(":");
  return `${left}::${right}`;
}
