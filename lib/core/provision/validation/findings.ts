import { z } from "zod";

// One line of a PKI validation: what was checked, how bad it is, what was seen and what to do.
// Passing checks are findings too ("ok"), so the page shows the whole list, green included.

export const SEVERITIES = ["error", "warning", "info", "ok"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECKS = [
  "presence", "owner-mode", "qemu-readable", "stray-migrate-dir",
  "ca", "cluster-ca", "chain", "issued", "key-match", "key-usage", "san", "validity", "key-size", "client-dn",
  "crl-present", "crl-signature", "crl-fresh", "crl-current", "revoked", "sets-consistent",
  "tls-listener", "tls-verify", "dn-list", "qemu-tls-dir", "clock",
] as const;
export type CheckName = (typeof CHECKS)[number];

export const Finding = z.object({
  check: z.enum(CHECKS),
  set: z.enum(["libvirt", "qemu"]).optional(),
  path: z.string().optional(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  /** What was seen on the host (mode, owner, serial, dates, config value...). */
  evidence: z.string(),
  /** The remedy, naming the product action where there is one; null for a passing check. */
  fix: z.string().nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const FIX = {
  provision: "Provision the host",
  reissue: "Re-issue certificates",
  publishCrl: "Publish the CRL, then provision the host",
} as const;

type Where = Pick<Finding, "set" | "path">;

export const ok = (check: CheckName, message: string, evidence: string, where: Where = {}): Finding =>
  ({ check, ...where, severity: "ok", message, evidence, fix: null });

export const problem = (check: CheckName, severity: Exclude<Severity, "ok">, message: string, evidence: string, fix: string | null, where: Where = {}): Finding =>
  ({ check, ...where, severity, message, evidence, fix });

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

// Worst first, then in the order the checks ran.
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map((x) => x.f);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0, ok: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

export const octal = (mode: number) => `0${mode.toString(8).padStart(3, "0")}`;
