import { X509Certificate } from "node:crypto";
import type { HostView } from "@/lib/core/inventory/host-view";
import { normaliseSerial } from "@/lib/core/x509/serial";
import { PKI_FILES, type PkiRole, type PkiSet } from "@/lib/core/provision/pki-files";
import type { KeyProbe, PathStat, PkiSnapshot } from "./pki-snapshot";

// Everything the pure checks look at: the snapshot read from the host and what the dashboard
// holds (its CA and CRL, the host's names, the fleet's client DNs, peers' CA files, its clock).
export interface PkiCheckInput {
  snapshot: PkiSnapshot;
  host: Pick<HostView, "name" | "address" | "migrationAddress" | "names" | "ips">;
  qemuUser: string;
  qemuGroup: string;
  /** From the host's facts: which daemon serves remote access and how it is started. */
  daemon: "libvirtd" | "virtproxyd";
  libvirtMode: "socket-activation" | "listen-flag" | "unknown";
  /** The product's active CA and its current CRL; null when there is none. */
  ca: { certificatePem: string; crlPem: string | null } | null;
  /** Serials of the host's current issued pair; null when the product has issued none. */
  issuedSerials: { server: string; client: string } | null;
  /** GnuTLS DNs of the client certificates of every host that may connect. */
  fleetClientDns: string[];
  /** The CA fingerprints other hosts of the cluster held at their last validation. */
  peerCaFingerprints: { hostName: string; fingerprints: string[] }[];
  renewBeforeDays: number;
  now: Date;
}

export const SETS: PkiSet[] = ["libvirt", "qemu"];

export function specOf(set: PkiSet, role: PkiRole) {
  const spec = PKI_FILES.find((f) => f.set === set && f.role === role);
  if (!spec) throw new Error(`No PKI file for ${set} ${role}`);
  return spec;
}

export const statOf = (s: PkiSnapshot, path: string): PathStat | undefined => s.stats.find((x) => x.path === path);
export const keyOf = (s: PkiSnapshot, path: string): KeyProbe | undefined => s.keys.find((k) => k.path === path);

/** The deployed certificate at path, parsed; null when absent, an error text when unparsable. */
export function certAt(s: PkiSnapshot, path: string): X509Certificate | null | string {
  const pem = s.pems[path];
  if (pem === undefined) return null;
  try {
    return new X509Certificate(pem);
  } catch {
    return "not a PEM certificate";
  }
}

export const fingerprint = (x: X509Certificate) => x.fingerprint256.toUpperCase();
export const serialOf = (x: X509Certificate) => normaliseSerial(x.serialNumber) ?? x.serialNumber;
