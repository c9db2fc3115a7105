import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { shellCommand, shellQuote } from "./shell-quote";

// Runs the quoted words through a real /bin/sh and returns what it printed, one argument per line.
function throughShell(args: string[]): string[] {
  const script = `printf '%s\\n' ${args.map(shellQuote).join(" ")}`;
  const out = execFileSync("/bin/sh", ["-c", script], { encoding: "utf8" });
  // Each argument ends with the \n printf added; arguments may contain newlines themselves.
  const parts: string[] = [];
  let rest = out;
  for (const a of args) {
    expect(rest.startsWith(a + "\n")).toBe(true);
    parts.push(rest.slice(0, a.length));
    rest = rest.slice(a.length + 1);
  }
  expect(rest).toBe("");
  return parts;
}

const HOSTILE = [
  "",
  " ",
  "'",
  "''",
  "it's",
  "\"double\"",
  "$(id)",
  "${HOME}",
  "$HOME",
  "`id`",
  "a; rm -rf /",
  "a && b || c",
  "a | b",
  "line1\nline2",
  "trailing newline\n",
  "\ttab",
  "../../etc/passwd",
  "*",
  "?",
  "[a-z]",
  "~",
  "~root",
  "#comment",
  "!",
  "!!",
  "FOO=bar",
  "=x",
  "-n",
  "--",
  "-e\\n",
  "back\\slash",
  "héllo wörld ✓ 日本語",
  "😀",
  "if",
  "done",
  "{",
  "}",
  "a\rb",
  "\u0001\u007f",
  "'; echo pwned; '",
  "\\'",
];

describe("shellQuote", () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s]))("round-trips %s through /bin/sh", (_label, s) => {
    expect(throughShell([s])).toEqual([s]);
  });

  it("round-trips all hostile strings in one command line", () => {
    expect(throughShell(HOSTILE)).toEqual(HOSTILE);
  });

  it("leaves plain words bare and quotes everything else", () => {
    expect(shellQuote("virsh")).toBe("virsh");
    expect(shellQuote("/etc/pki/CA/cacert.pem")).toBe("/etc/pki/CA/cacert.pem");
    expect(shellQuote("--listen")).toBe("--listen");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("FOO=bar")).toBe("'FOO=bar'");
    expect(shellQuote("if")).toBe("'if'");
  });

  it("refuses NUL bytes with a VALIDATION error", () => {
    expect(() => shellQuote("a\0b")).toThrow(DomainError);
    try {
      shellQuote("a\0b");
    } catch (e) {
      expect((e as DomainError).code).toBe("VALIDATION");
    }
  });
});

describe("shellCommand", () => {
  it("joins quoted words", () => {
    expect(shellCommand(["virsh", "-c", "qemu:///system", "dominfo", "my vm"])).toBe(
      "virsh -c qemu:///system dominfo 'my vm'",
    );
  });

  it("does not let an assignment-looking first word set the environment", () => {
    const out = execFileSync("/bin/sh", ["-c", shellCommand(["FOO=bar", "true"]) + " 2>&1 || echo refused"], {
      encoding: "utf8",
    });
    expect(out).toContain("refused");
  });

  it("passes hostile arguments to a real program unchanged", () => {
    const cmd = shellCommand(["printf", "%s|", ...HOSTILE]);
    const out = execFileSync("/bin/sh", ["-c", cmd], { encoding: "utf8" });
    expect(out).toBe(HOSTILE.map((h) => h + "|").join(""));
  });

  it("refuses an empty argv", () => {
    expect(() => shellCommand([])).toThrow(DomainError);
  });
});
