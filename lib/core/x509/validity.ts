import { DomainError } from "@/lib/core/errors";

/** Backdate notBefore so hosts whose clocks run a little behind still accept a fresh certificate. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function assertNow(now: unknown): Date {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new DomainError("VALIDATION", "A valid current time (now) is required.");
  }
  return now;
}

export function assertValidityDays(days: number, max: number): void {
  if (!Number.isInteger(days) || days < 1 || days > max) {
    throw new DomainError("VALIDATION", `Validity must be a whole number of days between 1 and ${max}.`);
  }
}

/** X.509 times have whole seconds; truncate so the returned dates equal what the certificate says. */
export function validityWindow(now: Date, validityDays: number): { notBefore: Date; notAfter: Date } {
  const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
  return {
    notBefore: second(now.getTime() - CLOCK_SKEW_MS),
    notAfter: second(now.getTime() + validityDays * DAY_MS),
  };
}
