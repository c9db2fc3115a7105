import type { Policy } from "@/lib/core/inventory/schemas";
import type { DomainInfo } from "./list-domains";
import type { PoolInfo } from "./pools";
import type { DiskStorage } from "./storage";

export type Severity = "error" | "warning" | "info";

export interface PreflightCheck {
  name: string;
  ok: boolean;
  severity: Severity;
  detail: string;
  fix: string | null;
}

export interface PreflightHost {
  id: string;
  name: string;
  pinned: boolean;
  /** SSH answered during the pre-flight; the error when it did not. */
  reachable: boolean;
  reachError: string | null;
  /** Provisioned by the product (HostProvision) or a TLS listener in the facts. */
  tlsEnabled: boolean;
  provisioned: boolean;
  validation: { checkedAt: string; errors: number; firstError: string | null } | null;
  libvirtVersion: string | null;
  qemuVersion: string | null;
}

export type ProbeState = "open" | "refused" | "timeout" | "unreachable" | "error";

export interface PreflightInput {
  policy: Policy;
  allowPlain: boolean;
  copyStorage: boolean;
  /** null: decide from the versions (on where both sides support it). */
  parallel: boolean | null;
  /** Both hosts' clusters allow parallel connections. */
  clusterParallel: boolean;
  source: PreflightHost;
  dest: PreflightHost;
  /** The name or address the migration URI uses for the destination. */
  target: string;
  /** The destination's current issued server certificate, PEM; null when it has none. */
  destServerCertPem: string | null;
  ports: { port: number; state: ProbeState; error: string | null }[];
  /** `virsh -c qemu+tls://target/system` from the source: "ok" or a failure reason. */
  tlsProbe: { state: string; error: string | null } | null;
  probedAt: string | null;
  probeSource: "fresh" | "stored" | "none";
  guest: DomainInfo | null;
  disks: DiskStorage[];
  destPools: PoolInfo[];
  cpu: { result: "compatible" | "incompatible" | "unknown"; detail: string };
}

export interface PreflightResult {
  ok: boolean;
  transport: "tls" | "plain" | null;
  parallel: boolean;
  /** A plain migration the operator confirmed: warned about and audited. */
  plainConfirmed: boolean;
  checks: PreflightCheck[];
}
