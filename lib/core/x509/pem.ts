import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { DomainError } from "@/lib/core/errors";

/** libvirt reads each certificate/key file up to 64 KiB; anything larger would fail on the host. */
export const MAX_PEM_BYTES = 64 * 1024;

export function assertPemSize(pem: unknown, label: string): string {
  if (typeof pem !== "string" || pem.trim() === "") {
    throw new DomainError("VALIDATION", `${label} is empty.`);
  }
  if (Buffer.byteLength(pem, "utf8") > MAX_PEM_BYTES) {
    throw new DomainError("VALIDATION", `${label} is larger than 64 KiB (libvirt reads at most 64 KiB).`);
  }
  return pem;
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** Parses exactly one PEM certificate; more than one is refused so nothing is silently dropped. */
export function readCertificate(pem: unknown, label = "Certificate"): X509Certificate {
  const text = assertPemSize(pem, label);
  const count = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (count === 0) throw new DomainError("VALIDATION", `${label} is not a PEM certificate (no BEGIN CERTIFICATE block).`);
  if (count > 1) throw new DomainError("VALIDATION", `${label} holds ${count} certificates; give exactly one.`);
  try {
    return new X509Certificate(text);
  } catch (cause) {
    throw new DomainError("VALIDATION", `${label} is not a valid PEM certificate.`, { cause });
  }
}

/** Accepts unencrypted PKCS#1 ("RSA PRIVATE KEY") and PKCS#8 ("PRIVATE KEY") PEM. */
export function readPrivateKey(pem: unknown, label = "Private key"): KeyObject {
  const text = assertPemSize(pem, label);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    throw new DomainError("VALIDATION", `${label} is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem).`);
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(text)) {
    throw new DomainError("VALIDATION", `${label} is not a PEM private key (no BEGIN PRIVATE KEY block).`);
  }
  try {
    return createPrivateKey({ key: text, format: "pem" });
  } catch (cause) {
    throw new DomainError("VALIDATION", `${label} is not a valid PEM private key.`, { cause });
  }
}

/** Storage form for every private key: unencrypted PKCS#8 PEM (GnuTLS, QEMU and OpenSSL all read it). */
export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
