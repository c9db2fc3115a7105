import type { X509Certificate } from "node:crypto";
import { DomainError } from "@/lib/core/errors";
import { certificateParts, findExtension, type CertificateParts } from "./der";
import {
  decodeAuthorityKeyId,
  decodeBasicConstraints,
  decodeExtKeyUsage,
  decodeKeyUsage,
  decodeSubjectAltName,
  decodeSubjectKeyId,
  extensionName,
  OID,
} from "./extensions";
import { formatGnutlsDn } from "./gnutls-dn";
import { readCertificate } from "./pem";
import type { CertificateInfo } from "./types";

/** Works for any key type (RSA, ECDSA, EdDSA), so certificates scanned from hosts can be compared. */
export function inspectCertificate(certificatePem: string): CertificateInfo {
  const x509 = readCertificate(certificatePem);
  const parts = certificateParts(x509.raw);
  try {
    return describe(x509, parts);
  } catch (cause) {
    throw new DomainError("VALIDATION", "The certificate has an extension that could not be decoded.", { cause });
  }
}

function describe(x509: X509Certificate, parts: CertificateParts): CertificateInfo {
  const ext = (oid: string) => findExtension(parts, oid)?.value;
  const san = ext(OID.subjectAltName);
  const basic = ext(OID.basicConstraints);
  const usage = ext(OID.keyUsage);
  const eku = ext(OID.extKeyUsage);
  const ski = ext(OID.subjectKeyIdentifier);
  const aki = ext(OID.authorityKeyIdentifier);
  const names = san ? decodeSubjectAltName(san) : { dnsNames: [], ips: [] };
  return {
    serial: x509.serialNumber.replace(/:/g, "").toUpperCase(),
    fingerprintSha256: x509.fingerprint256.toUpperCase(),
    subject: formatGnutlsDn(parts.subject),
    issuer: formatGnutlsDn(parts.issuer),
    notBefore: parts.notBefore,
    notAfter: parts.notAfter,
    dnsNames: names.dnsNames,
    ips: names.ips,
    isCa: basic ? decodeBasicConstraints(basic).ca : false,
    keyUsage: usage ? decodeKeyUsage(usage) : [],
    extKeyUsage: eku ? decodeExtKeyUsage(eku) : [],
    criticalExtensions: parts.extensions.filter((e) => e.critical).map((e) => extensionName(e.oid)),
    subjectKeyId: ski ? decodeSubjectKeyId(ski) : null,
    authorityKeyId: aki ? decodeAuthorityKeyId(aki) : null,
  };
}
