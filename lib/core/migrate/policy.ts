import type { Policy } from "@/lib/core/inventory/schemas";

export interface TransportDecision {
  transport: "tls" | "plain" | null;
  ok: boolean;
  severity: "error" | "warning" | "info";
  detail: string;
  fix: string | null;
  /** A plain migration the operator confirmed: warned about and audited. */
  audit: boolean;
}

// The cluster policy decides the transport (SPEC §5): tls refuses plain; prefer-tls goes plain
// only for a pair that is not TLS-ready and only on explicit confirmation; legacy does what is
// asked (plain is still recorded and counted).
export function decideTransport(policy: Policy, tlsReady: boolean, allowPlain: boolean): TransportDecision {
  if (policy === "tls") {
    if (tlsReady) return { transport: "tls", ok: true, severity: "info", detail: "policy tls: native TLS", fix: null, audit: false };
    return { transport: null, ok: false, severity: "error", detail: "policy tls: this pair is not TLS-ready and plain migration is refused", fix: "fix the TLS checks below (provision both hosts)", audit: false };
  }
  if (policy === "prefer-tls") {
    if (tlsReady) return { transport: "tls", ok: true, severity: "info", detail: "policy prefer-tls: native TLS", fix: null, audit: false };
    if (allowPlain) return { transport: "plain", ok: true, severity: "warning", detail: "policy prefer-tls: this pair is not TLS-ready; migrating over plain TCP as confirmed (RAM and disks travel unencrypted)", fix: "provision both hosts for TLS", audit: true };
    return { transport: null, ok: false, severity: "error", detail: "policy prefer-tls: this pair is not TLS-ready; plain TCP needs an explicit confirmation (allowPlain)", fix: "provision both hosts for TLS, or confirm a plain migration", audit: false };
  }
  if (allowPlain) return { transport: "plain", ok: true, severity: "warning", detail: "policy legacy: plain TCP as asked (recorded and counted)", fix: null, audit: true };
  return { transport: "tls", ok: true, severity: "info", detail: "policy legacy: native TLS as asked", fix: null, audit: false };
}
