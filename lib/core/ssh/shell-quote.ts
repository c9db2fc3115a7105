import { DomainError } from "@/lib/core/errors";

// Words the shell would treat specially when unquoted in command position.
const RESERVED = new Set([
  "case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in",
  "select", "then", "time", "until", "while",
]);
const PLAIN = /^[A-Za-z0-9_\/.,:@%+-]+$/;

// The one way the product builds remote command lines: every argument becomes a POSIX
// single-quoted word, so nothing in it ($, `, ;, =, newlines, globs) is interpreted by the shell.
export function shellQuote(arg: string): string {
  if (typeof arg !== "string") {
    throw new DomainError("VALIDATION", "Shell argument must be a string");
  }
  if (arg.includes("\0")) {
    throw new DomainError("VALIDATION", "Shell argument contains a NUL byte");
  }
  // Plain words stay bare so logged commands remain readable.
  if (PLAIN.test(arg) && !RESERVED.has(arg)) return arg;
  return "'" + arg.replace(/'/g, `'\\''`) + "'";
}

export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) {
    throw new DomainError("VALIDATION", "Empty command");
  }
  return argv.map(shellQuote).join(" ");
}
