import { DomainError } from "@/lib/core/errors";

// Remote paths come from the product's own constants, but are still checked before use.
export function assertRemotePath(path: string): void {
  const ok =
    typeof path === "string" &&
    path.startsWith("/") &&
    path.length > 1 &&
    path.length <= 4096 &&
    !path.endsWith("/") &&
    !/[\0\n\r]/.test(path) &&
    !path.split("/").some((seg) => seg === ".." || seg === ".");
  if (!ok) throw new DomainError("VALIDATION", "Remote path must be absolute and normalised");
}

const ACCOUNT = /^[a-z_][a-z0-9_.-]{0,31}\$?$/;

export function assertAccountName(name: string, what: "owner" | "group"): void {
  if (!ACCOUNT.test(name)) throw new DomainError("VALIDATION", `Invalid ${what} name`);
}

export function assertMode(mode: number): void {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new DomainError("VALIDATION", "File mode must be an integer between 0 and 0o7777");
  }
}

export function modeString(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}

export function splitRemotePath(path: string): { dir: string; base: string } {
  const i = path.lastIndexOf("/");
  return { dir: i === 0 ? "/" : path.slice(0, i), base: path.slice(i + 1) };
}
