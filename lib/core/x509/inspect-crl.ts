// Reading a CRL found on a host (node:crypto has no CRL parser): RFC 5280 §5.1 walked with the
// same ASN.1 helpers as certificates, and the signature checked against a CA with node:crypto.
import { verify as verifySignature, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { DomainError } from "@/lib/core/errors";
import { bytes, certificateParts, children, parseDer, readTime, toDerBuffer, type Asn1 } from "./der";
import { OID } from "./extensions";
import { formatGnutlsDn } from "./gnutls-dn";
import { assertPemSize, readCertificate } from "./pem";
import { normaliseSerial } from "./serial";

const { asn1 } = forge;

export interface CrlInfo {
  /** GnuTLS form, like CertificateInfo.issuer. */
  issuer: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Decimal, or null when the CRL has no cRLNumber extension. */
  crlNumber: string | null;
  /** Normalised like inspectCertificate's serial (uppercase hex, no colons). */
  revokedSerials: string[];
}

interface CrlParts {
  info: CrlInfo;
  issuerDer: Buffer;
  tbsDer: Buffer;
  algorithm: string;
  signature: Buffer;
}

const HASH_OF: Record<string, string | null> = {
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.3.101.112": null, // Ed25519 signs the message itself
};

const isTime = (n: Asn1 | undefined) => n?.tagClass === asn1.Class.UNIVERSAL && (n.type === asn1.Type.UTCTIME || n.type === asn1.Type.GENERALIZEDTIME);
const oidOf = (n: Asn1) => asn1.derToOid(forge.util.createBuffer(bytes(n).toString("binary")));

function crlNumberOf(extensions: Asn1 | undefined): string | null {
  if (!extensions) return null;
  for (const ext of children(children(extensions)[0])) {
    const parts = children(ext);
    if (oidOf(parts[0]) !== OID.cRLNumber) continue;
    const inner = parseDer(bytes(parts[parts.length - 1]));
    return BigInt(`0x${bytes(inner).toString("hex") || "0"}`).toString(10);
  }
  return null;
}

function readCrlParts(pem: string): CrlParts {
  const text = assertPemSize(pem, "CRL");
  const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  if (!m) throw new DomainError("VALIDATION", "CRL is not a PEM CRL (no BEGIN X509 CRL block).");
  try {
    const [tbs, algorithm, signature] = children(parseDer(Buffer.from(m[1].replace(/\s/g, ""), "base64")));
    const fields = children(tbs);
    let i = fields[0].tagClass === asn1.Class.UNIVERSAL && fields[0].type === asn1.Type.INTEGER ? 1 : 0;
    i += 1; // the inner signature AlgorithmIdentifier
    const issuer = fields[i++];
    const thisUpdate = readTime(fields[i++]);
    const nextUpdate = isTime(fields[i]) ? readTime(fields[i++]) : null;
    const list = fields[i]?.tagClass === asn1.Class.UNIVERSAL && fields[i]?.type === asn1.Type.SEQUENCE ? fields[i++] : undefined;
    const extensions = fields[i]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? fields[i] : undefined;
    const revokedSerials = (list ? children(list) : []).map((entry) => normaliseSerial(bytes(children(entry)[0]).toString("hex")) ?? "");
    return {
      info: { issuer: formatGnutlsDn(issuer), thisUpdate, nextUpdate, crlNumber: crlNumberOf(extensions), revokedSerials },
      issuerDer: toDerBuffer(issuer),
      tbsDer: toDerBuffer(tbs),
      algorithm: oidOf(children(algorithm)[0]),
      signature: bytes(signature).subarray(1), // drop the unused-bits byte
    };
  } catch (cause) {
    throw new DomainError("VALIDATION", "The CRL could not be decoded.", { cause });
  }
}

export function inspectCrl(pem: string): CrlInfo {
  return readCrlParts(pem).info;
}

/** True when caPem's subject is the CRL's issuer and its key made the signature. */
export function crlSignedBy(crlPem: string, caPem: string): boolean {
  const crl = readCrlParts(crlPem);
  const ca = readCertificate(caPem, "CA certificate");
  if (!toDerBuffer(certificateParts(ca.raw).subject).equals(crl.issuerDer)) return false;
  if (!(crl.algorithm in HASH_OF)) return false; // RSASSA-PSS and exotic algorithms: not ours
  const key: KeyObject = ca.publicKey;
  try {
    return verifySignature(HASH_OF[crl.algorithm], crl.tbsDer, key, crl.signature);
  } catch {
    return false;
  }
}
