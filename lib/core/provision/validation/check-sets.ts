import { X509Certificate } from "node:crypto";
import type { PkiRole } from "@/lib/core/provision/pki-files";
import { ok, problem, FIX, type Finding } from "./findings";
import { certAt, specOf, type PkiCheckInput } from "./check-input";

const ROLES: { role: PkiRole; label: string }[] = [
  { role: "ca", label: "CA certificate" },
  { role: "server-cert", label: "server certificate" },
  { role: "client-cert", label: "client certificate" },
  { role: "crl", label: "CRL" },
];

const digest = (input: PkiCheckInput, role: PkiRole, set: "libvirt" | "qemu"): string | null => {
  const path = specOf(set, role).path;
  if (role === "crl") return input.snapshot.pems[path]?.trim() ?? null;
  const x = certAt(input.snapshot, path);
  return x instanceof X509Certificate ? x.fingerprint256.toUpperCase() : null;
};

// The libvirt set and the QEMU set are two copies of the same host identity: they must agree.
export function checkSetsConsistent(input: PkiCheckInput): Finding[] {
  const differ: string[] = [];
  const compared: string[] = [];
  for (const { role, label } of ROLES) {
    const a = digest(input, role, "libvirt");
    const b = digest(input, role, "qemu");
    if (a === null || b === null) continue;
    compared.push(label);
    if (a !== b) differ.push(`${label} (${specOf("libvirt", role).path} vs ${specOf("qemu", role).path})`);
  }
  if (compared.length === 0) return [];
  if (differ.length === 0) return [ok("sets-consistent", "The libvirt and QEMU sets hold the same files", `compared: ${compared.join(", ")}`)];
  return [problem("sets-consistent", "warning", `The libvirt and QEMU sets differ: ${differ.map((d) => d.split(" (")[0]).join(", ")}`, differ.join("; "), FIX.provision)];
}

export const deployedCaFingerprints = (input: Pick<PkiCheckInput, "snapshot">): string[] => {
  const out = new Set<string>();
  for (const set of ["libvirt", "qemu"] as const) {
    const x = certAt(input.snapshot, specOf(set, "ca").path);
    if (x instanceof X509Certificate) out.add(x.fingerprint256.toUpperCase());
  }
  return [...out];
};

// The same CA on every host of the cluster, judged from the peers' last validations.
export function checkClusterCa(input: PkiCheckInput): Finding[] {
  const mine = deployedCaFingerprints(input);
  if (mine.length === 0) return [];
  if (input.peerCaFingerprints.length === 0) return [problem("cluster-ca", "info", "No other host of the cluster has been validated yet", mine.join(", "), null)];
  const others = input.peerCaFingerprints.filter((p) => p.fingerprints.some((f) => !mine.includes(f)) || mine.some((f) => !p.fingerprints.includes(f)));
  if (others.length === 0) return [ok("cluster-ca", `The same CA as ${input.peerCaFingerprints.map((p) => p.hostName).join(", ")}`, mine.join(", "))];
  return [problem("cluster-ca", "error", `A different CA from ${others.map((p) => p.hostName).join(", ")}: migrations between them fail with "hasn't got a known issuer"`,
    `here ${mine.join(", ")}; ${others.map((p) => `${p.hostName}: ${p.fingerprints.join(", ") || "none"}`).join("; ")}`, FIX.provision)];
}
