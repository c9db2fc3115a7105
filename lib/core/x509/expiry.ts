import type { ExpiryBand } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until notAfter, rounded down: negative once the certificate has expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function expiryBand(days: number): ExpiryBand {
  if (days < 0) return "expired";
  if (days < 7) return "critical";
  if (days < 30) return "warning";
  return "ok";
}

/** Renew once less than thresholdDays of validity remain (SPEC default: 30 days). */
export function needsRenewal(notAfter: Date, now: Date, thresholdDays = 30): boolean {
  return notAfter.getTime() - now.getTime() < thresholdDays * DAY_MS;
}
