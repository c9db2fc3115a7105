// Minimal read access to DER certificates with forge.asn1: works for any key type, unlike
// forge.pki.certificateFromPem (RSA only), so scanned ECDSA certificates can be inspected too.
import forge from "node-forge";
import { DomainError } from "@/lib/core/errors";

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

type FromDer = (bytes: forge.util.ByteBuffer, options: object) => Asn1;
const fromDer = asn1.fromDer as unknown as FromDer;

export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

export interface CertificateParts {
  tbs: Asn1;
  issuer: Asn1;
  subject: Asn1;
  /** The subjectPublicKey BIT STRING contents without the unused-bits byte. */
  publicKeyBits: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: RawExtension[];
}

export function parseDer(der: Buffer): Asn1 {
  const buffer = forge.util.createBuffer(der.toString("binary"));
  return fromDer(buffer, { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

export function toDerBuffer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), "binary");
}

export function children(node: Asn1): Asn1[] {
  if (!Array.isArray(node.value)) throw new Error("ASN.1: expected a constructed value");
  return node.value;
}

export function bytes(node: Asn1): Buffer {
  if (typeof node.value !== "string") throw new Error("ASN.1: expected a primitive value");
  return Buffer.from(node.value, "binary");
}

export function readTime(node: Asn1): Date {
  const text = typeof node.value === "string" ? node.value : "";
  return node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(text) : asn1.generalizedTimeToDate(text);
}

/** Splits a DER certificate into the parts this module reads; VALIDATION if it is malformed. */
export function certificateParts(der: Buffer): CertificateParts {
  try {
    return readParts(der);
  } catch (cause) {
    if (cause instanceof DomainError) throw cause;
    throw new DomainError("VALIDATION", "The certificate could not be decoded.", { cause });
  }
}

function readParts(der: Buffer): CertificateParts {
  const [tbs] = children(parseDer(der));
  const fields = children(tbs);
  const offset = fields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const [, , issuer, validity, subject, spki] = fields.slice(offset);
  const [notBefore, notAfter] = children(validity).map(readTime);
  const tagged = fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 3);
  const extensions = tagged ? children(children(tagged)[0]).map(readExtension) : [];
  return {
    tbs,
    issuer,
    subject,
    publicKeyBits: bytes(children(spki)[1]).subarray(1),
    notBefore,
    notAfter,
    extensions,
  };
}

function readExtension(node: Asn1): RawExtension {
  const parts = children(node);
  const oid = asn1.derToOid(forge.util.createBuffer(bytes(parts[0]).toString("binary")));
  const critical = parts.length === 3 && bytes(parts[1])[0] !== 0;
  return { oid, critical, value: bytes(parts[parts.length - 1]) };
}

export function findExtension(parts: CertificateParts, oid: string): RawExtension | undefined {
  return parts.extensions.find((e) => e.oid === oid);
}
