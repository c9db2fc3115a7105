// Decoders for the X.509 extensions libvirt/GnuTLS care about (RFC 5280 §4.2).
import forge from "node-forge";
import { bytes, children, parseDer } from "./der";
import { formatIp } from "./ip";
import type { KeyUsageName } from "./types";

export const OID = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  cRLNumber: "2.5.29.20",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
} as const;

const EXTENSION_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(OID).map(([name, oid]) => [oid, name]),
);

const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "2.5.29.37.0": "anyExtendedKeyUsage",
};

const KEY_USAGE_BITS: KeyUsageName[] = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

export function extensionName(oid: string): string {
  return EXTENSION_NAMES[oid] ?? oid;
}

function oidOf(node: forge.asn1.Asn1): string {
  return forge.asn1.derToOid(forge.util.createBuffer(bytes(node).toString("binary")));
}

export function decodeKeyUsage(value: Buffer): KeyUsageName[] {
  const bits = bytes(parseDer(value)).subarray(1); // skip the unused-bits count
  return KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

export function decodeExtKeyUsage(value: Buffer): string[] {
  return children(parseDer(value)).map((n) => {
    const oid = oidOf(n);
    return EKU_NAMES[oid] ?? oid;
  });
}

export function decodeBasicConstraints(value: Buffer): { ca: boolean } {
  const [first] = children(parseDer(value));
  const ca = first?.type === forge.asn1.Type.BOOLEAN && bytes(first)[0] !== 0;
  return { ca };
}

export function decodeSubjectAltName(value: Buffer): { dnsNames: string[]; ips: string[] } {
  const dnsNames: string[] = [];
  const ips: string[] = [];
  for (const name of children(parseDer(value))) {
    if (name.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC) continue;
    if (name.type === 2) dnsNames.push(bytes(name).toString("latin1"));
    if (name.type === 7) ips.push(formatIp(bytes(name)));
  }
  return { dnsNames, ips };
}

/** Hex, uppercase, no colons. */
export function decodeSubjectKeyId(value: Buffer): string {
  return bytes(parseDer(value)).toString("hex").toUpperCase();
}

export function decodeAuthorityKeyId(value: Buffer): string | null {
  const keyId = children(parseDer(value)).find(
    (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
  );
  return keyId ? bytes(keyId).toString("hex").toUpperCase() : null;
}
