// Public shapes of the certificate authority core. PEM strings throughout; dates are real Dates.

/** A CA as stored: the certificate and its unencrypted PKCS#8 private key. */
export interface CaMaterial {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** Hex, uppercase, no colons (as `openssl x509 -serial` prints it). */
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

export interface HostCertificates {
  server: IssuedCertificate;
  client: IssuedCertificate;
  /** The client subject as libvirt matches it in tls_allowed_dn_list, e.g. "CN=hv1,O=virtshield". */
  clientDn: string;
}

export interface HostIdentity {
  name: string;
  dnsNames: string[];
  ips: string[];
}

export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";

export interface CertificateInfo {
  serial: string;
  /** "AB:CD:…", uppercase, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  /** GnuTLS/libvirt form (see gnutlsDn). */
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
  ips: string[];
  isCa: boolean;
  /** Empty when the certificate has no keyUsage extension. */
  keyUsage: KeyUsageName[];
  /** Names for known purposes ("serverAuth", "clientAuth", …), dotted OIDs otherwise. */
  extKeyUsage: string[];
  /** Names (or OIDs) of the extensions marked critical; libvirt only enforces critical ones. */
  criticalExtensions: string[];
  subjectKeyId: string | null;
  authorityKeyId: string | null;
}

export interface RevokedEntry {
  /** Hex serial as inspectCertificate reports it (colons and case are tolerated). */
  serial: string;
  revokedAt: Date;
}

export type ExpiryBand = "expired" | "critical" | "warning" | "ok";
