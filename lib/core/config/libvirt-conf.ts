import { DomainError } from "@/lib/core/errors";

// libvirtd.conf / qemu.conf / virtproxyd.conf, the syntax of libvirt's src/util/virconf.c:
// `name = value` with strings ("..", '..', """.."""), integers and lists of strings.
export type ConfValue = string | number | string[];

export interface ConfEntry {
  key: string;
  value: ConfValue;
  /** 0-based line numbers, inclusive: a list may span several lines. */
  startLine: number;
  endLine: number;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  ch(): string {
    return this.text[this.pos] ?? "";
  }
  eof(): boolean {
    return this.pos >= this.text.length;
  }
  line(pos = this.pos): number {
    let n = 0;
    for (let i = 0; i < pos && i < this.text.length; i++) if (this.text[i] === "\n") n++;
    return n;
  }
  fail(what: string): never {
    throw new DomainError("VALIDATION", `Config syntax error on line ${this.line() + 1}: ${what}`);
  }
  skipBlanks(): void {
    while (this.ch() === " " || this.ch() === "\t") this.pos++;
  }
  skipBlanksAndEol(): void {
    while (" \t\r\n".includes(this.ch()) && !this.eof()) this.pos++;
  }
  skipComment(): void {
    while (!this.eof() && this.ch() !== "\n") this.pos++;
  }
}

function parseString(s: Scanner): string {
  if (s.text.startsWith('"""', s.pos)) {
    const end = s.text.indexOf('"""', s.pos + 3);
    if (end < 0) s.fail("unterminated string");
    const value = s.text.slice(s.pos + 3, end);
    s.pos = end + 3;
    return value;
  }
  const quote = s.ch();
  const start = ++s.pos;
  while (!s.eof() && s.ch() !== quote && s.ch() !== "\n" && s.ch() !== "\r") s.pos++;
  if (s.ch() !== quote) s.fail("unterminated string");
  return s.text.slice(start, s.pos++);
}

function parseNumber(s: Scanner): number {
  const m = /^[-+]?\d+/.exec(s.text.slice(s.pos, s.pos + 32));
  if (!m) s.fail("unterminated number");
  s.pos += m[0].length;
  return Number.parseInt(m[0], 10);
}

function parseScalar(s: Scanner): string | number {
  if (s.ch() === '"' || s.ch() === "'") return parseString(s);
  if (/[-+\d]/.test(s.ch())) return parseNumber(s);
  return s.fail("expecting a value");
}

function parseValue(s: Scanner): ConfValue {
  if (s.ch() !== "[") return parseScalar(s);
  s.pos++;
  const items: string[] = [];
  s.skipBlanksAndEol();
  while (!s.eof() && s.ch() !== "]") {
    items.push(String(parseScalar(s)));
    s.skipBlanksAndEol();
    if (s.ch() === ",") {
      s.pos++;
      s.skipBlanksAndEol();
    } else if (s.ch() !== "]") {
      s.fail("expecting a separator in list");
    }
  }
  if (s.ch() !== "]") s.fail("list is not closed with ]");
  s.pos++;
  return items;
}

export function parseConfEntries(text: string): ConfEntry[] {
  const s: Scanner = new Scanner(text);
  const entries: ConfEntry[] = [];
  for (;;) {
    s.skipBlanksAndEol();
    if (s.eof()) break;
    if (s.ch() === "#") {
      s.skipComment();
      continue;
    }
    const start = s.pos;
    const name = /^[A-Za-z][A-Za-z0-9_]*/.exec(s.text.slice(s.pos, s.pos + 256));
    if (!name) s.fail("expecting a name");
    s.pos += name[0].length;
    s.skipBlanks();
    if (s.ch() !== "=") s.fail("expecting an assignment");
    s.pos++;
    s.skipBlanks();
    const value = parseValue(s);
    const valueEnd = s.pos - 1;
    s.skipBlanks();
    if (s.ch() === "#") s.skipComment();
    if (s.ch() === ";") s.pos++;
    else if (!s.eof() && s.ch() !== "\n" && s.ch() !== "\r") s.fail("expecting a separator");
    entries.push({ key: name[0], value, startLine: s.line(start), endLine: s.line(valueEnd) });
  }
  return entries;
}

// First occurrence wins, as in virConfGetValue.
export function parseLibvirtConf(text: string): Record<string, ConfValue> {
  const out: Record<string, ConfValue> = {};
  for (const e of parseConfEntries(text)) {
    if (!Object.hasOwn(out, e.key)) out[e.key] = e.value;
  }
  return out;
}
