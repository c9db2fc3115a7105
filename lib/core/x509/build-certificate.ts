// Assembles and signs certificates and CRLs. forge builds the TBS structure; Node's crypto signs it
// (native RSA is much faster than forge's), and the issuer Name is copied byte for byte from the CA
// so GnuTLS's raw-DN issuer matching holds even for imported CAs forge would re-encode differently.
import { sign, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { toDerBuffer, type Asn1 } from "./der";
import { toPem } from "./pem";

const { asn1 } = forge;
export const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

type GetTbs = (cert: forge.pki.Certificate) => Asn1;
const getTBSCertificate = (forge.pki as unknown as { getTBSCertificate: GetTbs }).getTBSCertificate;

export interface NameAttribute {
  shortName: "CN" | "O";
  value: string;
}

export interface CertificateTemplate {
  serialHex: string;
  subject: NameAttribute[];
  /** The CA's raw subject Name; omitted for a self-signed certificate. */
  issuer?: Asn1;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  /** forge extension descriptors (see forge.pki.Certificate.setExtensions). */
  extensions: object[];
  signingKey: KeyObject;
}

/** UTF8String values (RFC 5280's recommendation) in the order given: that order is the DN libvirt sees. */
function toForgeAttributes(attrs: NameAttribute[]): forge.pki.CertificateField[] {
  return attrs.map((a) => ({
    shortName: a.shortName,
    value: a.value,
    valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class,
  }));
}

export function algorithmIdentifier(): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(SHA256_WITH_RSA).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""),
  ]);
}

/** SEQUENCE { tbs, sha256WithRSAEncryption, BIT STRING signature } as DER. */
export function signToDer(tbs: Asn1, signingKey: KeyObject): Buffer {
  const signature = sign("sha256", toDerBuffer(tbs), signingKey);
  return toDerBuffer(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      tbs,
      algorithmIdentifier(),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, "\x00" + signature.toString("binary")),
    ]),
  );
}

export function buildCertificate(t: CertificateTemplate): string {
  const cert = forge.pki.createCertificate();
  cert.version = 2; // X.509 v3
  cert.serialNumber = t.serialHex;
  cert.validity.notBefore = t.notBefore;
  cert.validity.notAfter = t.notAfter;
  cert.publicKey = forge.pki.publicKeyFromPem(t.publicKey.export({ type: "spki", format: "pem" }).toString());
  const subject = toForgeAttributes(t.subject);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions(t.extensions);
  cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  const tbs = getTBSCertificate(cert);
  if (t.issuer) (tbs.value as Asn1[])[3] = t.issuer;
  return toPem("CERTIFICATE", signToDer(tbs, t.signingKey));
}
