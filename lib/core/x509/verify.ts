import { readCertificate, readPrivateKey } from "./pem";

/** True when the private key belongs to the certificate. Throws VALIDATION on unreadable input. */
export function certificateMatchesKey(certificatePem: string, privateKeyPem: string): boolean {
  const certificate = readCertificate(certificatePem);
  const key = readPrivateKey(privateKeyPem);
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false; // different key types
  }
}

/** True when caPem issued certificatePem: names and key ids chain, and the signature verifies. */
export function verifyIssuedBy(certificatePem: string, caPem: string): boolean {
  const certificate = readCertificate(certificatePem);
  const ca = readCertificate(caPem, "CA certificate");
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}
