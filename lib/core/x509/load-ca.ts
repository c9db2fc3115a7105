import { createHash, type KeyObject, type X509Certificate } from "node:crypto";
import { DomainError, type ErrorCode } from "@/lib/core/errors";
import { certificateParts, findExtension, type CertificateParts } from "./der";
import { decodeBasicConstraints, decodeKeyUsage, decodeSubjectKeyId, OID } from "./extensions";
import { readCertificate, readPrivateKey } from "./pem";
import type { CaMaterial } from "./types";
import { CLOCK_SKEW_MS } from "./validity";

export interface LoadedCa {
  certificate: X509Certificate;
  privateKey: KeyObject;
  parts: CertificateParts;
  /** The CA's subjectKeyIdentifier bytes: every leaf's authorityKeyIdentifier must carry these. */
  keyId: Buffer;
}

function fail(message: string): never {
  throw new DomainError("VALIDATION", message);
}

/** Parses and checks CA material: RSA, a CA by basicConstraints/keyUsage, key matching the certificate. */
export function loadCa(ca: CaMaterial): LoadedCa {
  const certificate = readCertificate(ca?.certificatePem, "CA certificate");
  const privateKey = readPrivateKey(ca?.privateKeyPem, "CA private key");
  const keyType = privateKey.asymmetricKeyType;
  if (keyType !== "rsa") fail(`Only RSA CA keys are supported; this key is ${keyType ?? "unknown"}.`);
  if (certificate.publicKey.asymmetricKeyType !== "rsa") fail("Only RSA CA certificates are supported.");
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) fail(`The CA key has ${bits} bits; at least 2048 are required.`);
  if (!certificate.checkPrivateKey(privateKey)) fail("The private key does not match the CA certificate.");

  const parts = certificateParts(certificate.raw);
  const basic = findExtension(parts, OID.basicConstraints);
  if (!basic || !decodeBasicConstraints(basic.value).ca) fail("This certificate is not a CA: basicConstraints CA:TRUE is missing.");
  // A missing keyUsage is accepted (as by libvirt and OpenSSL's default CA profile); a present one must allow signing.
  const usage = findExtension(parts, OID.keyUsage);
  if (usage && !decodeKeyUsage(usage.value).includes("keyCertSign")) {
    fail("This certificate is not a CA: its keyUsage does not include keyCertSign.");
  }
  const ski = findExtension(parts, OID.subjectKeyIdentifier);
  const keyId = ski
    ? Buffer.from(decodeSubjectKeyId(ski.value), "hex")
    : createHash("sha1").update(parts.publicKeyBits).digest(); // RFC 5280 §4.2.1.2 method 1
  return { certificate, privateKey, parts, keyId };
}

/** notBefore gets the clock-skew allowance: a CA made a moment ago on a machine running ahead is fine. */
export function assertCaCurrent(ca: LoadedCa, now: Date, code: ErrorCode): void {
  if (now.getTime() + CLOCK_SKEW_MS < ca.parts.notBefore.getTime()) {
    throw new DomainError(code, `The CA certificate is not valid yet (valid from ${ca.parts.notBefore.toISOString()}).`);
  }
  if (now > ca.parts.notAfter) {
    throw new DomainError(code, `The CA certificate expired on ${ca.parts.notAfter.toISOString()}.`);
  }
}
