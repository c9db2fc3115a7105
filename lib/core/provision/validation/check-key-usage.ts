import type { X509Certificate } from "node:crypto";
import type { PkiSet } from "@/lib/core/provision/pki-files";
import { inspectCertificate, type KeyUsageName } from "@/lib/core/x509";
import { FIX, ok, problem, type Finding } from "./findings";

// basicConstraints, keyUsage and extendedKeyUsage per role, as libvirt's sanity check reads
// them (libvirt-tls.md §2), but stricter: what libvirt lets pass when not critical is a warning.
export function checkKeyUsage(x: X509Certificate, role: "ca" | "server-cert" | "client-cert", where: { set: PkiSet; path: string }): Finding {
  const info = inspectCertificate(x.toString());
  const critical = (name: string) => info.criticalExtensions.includes(name);
  const evidence = [
    `CA:${info.isCa ? "TRUE" : "FALSE"}`,
    `keyUsage: ${info.keyUsage.join(", ") || "none"}${critical("keyUsage") ? " (critical)" : ""}`,
    `EKU: ${info.extKeyUsage.join(", ") || "none"}`,
  ].join("; ");
  const bad = (message: string, hard: boolean) => problem("key-usage", hard ? "error" : "warning", message, evidence, role === "ca" ? FIX.provision : FIX.reissue, where);

  if (role === "ca") {
    if (!info.isCa) return bad("The CA certificate is not CA:TRUE", true);
    if (!info.keyUsage.includes("keyCertSign")) return bad("The CA certificate lacks keyCertSign", info.keyUsage.length > 0);
    return ok("key-usage", "CA:TRUE with keyCertSign", evidence, where);
  }
  if (info.isCa) return bad("A host certificate must not be a CA", true);
  const rsa = x.publicKey.asymmetricKeyType === "rsa";
  const needed: KeyUsageName[] = ["digitalSignature", ...(rsa ? (["keyEncipherment"] as const) : [])];
  const lacking = info.keyUsage.length > 0 ? needed.filter((u) => !info.keyUsage.includes(u)) : [];
  if (lacking.length > 0) return bad(`keyUsage lacks ${lacking.join(", ")}`, critical("keyUsage"));
  const purpose = role === "server-cert" ? "serverAuth" : "clientAuth";
  if (info.extKeyUsage.length === 0) return bad(`No extendedKeyUsage: libvirt accepts it for any role; the product's certificates carry ${purpose}`, false);
  if (!info.extKeyUsage.includes(purpose)) return bad(`extendedKeyUsage lacks ${purpose}: the TLS peer refuses it`, true);
  return ok("key-usage", `${purpose}, keyUsage as TLS needs`, evidence, where);
}
