import { DomainError } from "@/lib/core/errors";
import { parseConfEntries, type ConfEntry, type ConfValue } from "./libvirt-conf";

/** A value to set, or null to comment the key out. */
export type ConfChanges = Record<string, ConfValue | null>;

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

function formatString(v: string): string {
  if (/[\0\r\n]/.test(v)) throw new DomainError("VALIDATION", "Config string values cannot span lines");
  if (!v.includes('"')) return `"${v}"`;
  if (!v.includes("'")) return `'${v}'`;
  throw new DomainError("VALIDATION", "Config string holds both quote characters");
}

export function formatConfValue(v: ConfValue): string {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new DomainError("VALIDATION", "Config numbers must be integers");
    return String(v);
  }
  if (typeof v === "string") return formatString(v);
  return `[${v.map(formatString).join(", ")}]`;
}

function sameValue(a: ConfValue, b: ConfValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

// The commented default ("#key = ..."), including the rest of a commented multi-line list.
function commentedDefaultEnd(lines: string[], key: string): number | undefined {
  const re = new RegExp(`^#${key}\\s*=`);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) return undefined;
  if (!lines[i].includes("[") || lines[i].includes("]")) return i;
  for (let j = i + 1; j < lines.length && lines[j].startsWith("#"); j++) {
    if (lines[j].includes("]")) return j;
  }
  return i;
}

function commentOut(lines: string[], e: ConfEntry): void {
  for (let i = e.startLine; i <= e.endLine; i++) lines[i] = "#" + lines[i];
}

function applyOne(text: string, key: string, value: ConfValue | null): string {
  const active = parseConfEntries(text).filter((e) => e.key === key);
  if (value !== null && active.length === 1 && sameValue(active[0].value, value)) return text;
  const lines = text.split("\n");
  // Work from the bottom so earlier line numbers stay valid.
  for (const e of active.slice(value === null ? 0 : 1).reverse()) commentOut(lines, e);
  if (value === null) return lines.join("\n");
  const line = `${key} = ${formatConfValue(value)}`;
  if (active.length > 0) {
    const first = active[0];
    lines.splice(first.startLine, first.endLine - first.startLine + 1, line);
    return lines.join("\n");
  }
  const after = commentedDefaultEnd(lines, key);
  if (after !== undefined) {
    lines.splice(after + 1, 0, line);
    return lines.join("\n");
  }
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.splice(lines.length - 1, 0, line);
  else lines.push(line, "");
  return lines.join("\n");
}

// Edits keep every comment and unrelated line: replace the active line in place, else insert
// after the commented default, else append. Later duplicates are commented out (first wins).
export function setConfigValues(text: string, changes: ConfChanges): string {
  let out = text;
  for (const [key, value] of Object.entries(changes)) {
    if (!KEY.test(key)) throw new DomainError("VALIDATION", `Invalid config key: ${key}`);
    out = applyOne(out, key, value);
  }
  return out;
}
