import { buildCertificate } from "./build-certificate";
import { gnutlsDn } from "./gnutls-dn";
import { normaliseHostNames, type HostNames } from "./host-input";
import { assertKeyBits, generateRsaKeyPair, type RsaKeyPair } from "./key-pair";
import { assertCaCurrent, loadCa, type LoadedCa } from "./load-ca";
import { assertNameValue } from "./names";
import { privateKeyToPem } from "./pem";
import { randomSerialHex } from "./serial";
import { assertNow, assertValidityDays, validityWindow } from "./validity";
import type { CaMaterial, HostCertificates, HostIdentity, IssuedCertificate } from "./types";

export interface IssueHostCertificatesInput {
  ca: CaMaterial;
  host: HostIdentity;
  organization?: string;
  validityDays?: number;
  keyBits?: number;
  now: Date;
}

interface LeafSpec {
  ca: LoadedCa;
  names: HostNames;
  organization: string;
  role: "server" | "client";
  keys: RsaKeyPair;
  window: { notBefore: Date; notAfter: Date };
}

function issueLeaf(spec: LeafSpec): IssuedCertificate {
  const { ca, names, role, keys, window } = spec;
  const serial = randomSerialHex();
  const altNames = [
    ...names.dnsNames.map((value) => ({ type: 2, value })),
    ...names.ips.map((ip) => ({ type: 7, ip })),
  ];
  const certificatePem = buildCertificate({
    serialHex: serial,
    // DER order CN, O: GnuTLS's gnutls_x509_crt_get_dn (what libvirt matches) prints "CN=…,O=…".
    subject: [
      { shortName: "CN", value: names.name },
      { shortName: "O", value: spec.organization },
    ],
    issuer: ca.parts.subject,
    ...window,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      role === "server" ? { name: "extKeyUsage", serverAuth: true } : { name: "extKeyUsage", clientAuth: true },
      ...(role === "server" ? [{ name: "subjectAltName", altNames }] : []),
      { name: "subjectKeyIdentifier" },
      // The CA's key id, not forge's keyIdentifier:true (which would hash the leaf's own key).
      { name: "authorityKeyIdentifier", keyIdentifier: ca.keyId.toString("binary") },
    ],
  });
  return { certificatePem, privateKeyPem: privateKeyToPem(keys.privateKey), serial, ...window };
}

/**
 * A server certificate (serverAuth, SAN = every name and IP of the host) and a client certificate
 * (clientAuth, DN for tls_allowed_dn_list) for one host, both signed by the CA.
 */
export async function issueHostCertificates(input: IssueHostCertificatesInput): Promise<HostCertificates> {
  const { organization = "virtshield", validityDays = 365, keyBits = 2048 } = input;
  const now = assertNow(input.now);
  assertNameValue(organization, "Organization");
  assertValidityDays(validityDays, 3650);
  assertKeyBits(keyBits);
  const names = normaliseHostNames(input.host);
  const ca = loadCa(input.ca);
  assertCaCurrent(ca, now, "PRECONDITION_FAILED");

  const window = validityWindow(now, validityDays);
  // A leaf cannot usefully outlive its CA: GnuTLS rejects the chain once the CA expires.
  if (window.notAfter > ca.parts.notAfter) window.notAfter = ca.parts.notAfter;
  const [serverKeys, clientKeys] = await Promise.all([generateRsaKeyPair(keyBits), generateRsaKeyPair(keyBits)]);
  const common = { ca, names, organization, window };
  const server = issueLeaf({ ...common, role: "server", keys: serverKeys });
  const client = issueLeaf({ ...common, role: "client", keys: clientKeys });
  return { server, client, clientDn: gnutlsDn(client.certificatePem) };
}
