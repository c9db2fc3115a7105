// Distinguished names exactly as GnuTLS's gnutls_x509_crt_get_dn() prints them: that string is what
// libvirt glob-matches against tls_allowed_dn_list and what virt-pki-query-dn shows. It keeps the
// certificate's RDN order (`certtool -i` prints the reverse, RFC 4514 order).
import forge from "node-forge";
import { bytes, certificateParts, children, toDerBuffer, type Asn1 } from "./der";
import { readCertificate } from "./pem";

// Universal tags of the DirectoryString choices and friends (X.680).
const TAG = { utf8: 12, numeric: 18, printable: 19, t61: 20, ia5: 22, visible: 26, universal: 28, bmp: 30 };

/** GnuTLS's short names (lib/x509/common.c); other OIDs print as dotted OID with a #hex value. */
const GNUTLS_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "surName",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.13": "description",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "2.5.4.41": "name",
  "2.5.4.42": "givenName",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "EMAIL",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionOfIncorporationLocalityName",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionOfIncorporationStateOrProvinceName",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionOfIncorporationCountryName",
};

function decodeString(node: Asn1): string | null {
  const raw = typeof node.value === "string" ? bytes(node) : null;
  if (!raw) return null;
  if (node.tagClass !== forge.asn1.Class.UNIVERSAL) return null;
  switch (node.type as number) {
    case TAG.utf8:
      return raw.toString("utf8");
    case TAG.printable:
    case TAG.ia5:
    case TAG.numeric:
    case TAG.visible:
    case TAG.t61:
      return raw.toString("latin1");
    case TAG.bmp:
      return Buffer.from(raw).swap16().toString("utf16le");
    case TAG.universal:
      return String.fromCodePoint(...Array.from({ length: raw.length >> 2 }, (_, i) => raw.readUInt32BE(i * 4)));
    default:
      return null;
  }
}

/** RFC 4514 escaping as GnuTLS does it: specials anywhere, '#' or ' ' first, ' ' last. */
function escapeValue(value: string): string {
  let out = "";
  [...value].forEach((ch, i, all) => {
    const special = ',+"\\<>;'.includes(ch);
    const edge = (i === 0 && (ch === "#" || ch === " ")) || (i === all.length - 1 && ch === " ");
    out += special || edge ? `\\${ch}` : ch;
  });
  return out;
}

function formatAttribute(attr: Asn1): string {
  const [typeNode, valueNode] = children(attr);
  const oid = forge.asn1.derToOid(forge.util.createBuffer(bytes(typeNode).toString("binary")));
  const name = GNUTLS_NAMES[oid];
  const text = name ? decodeString(valueNode) : null;
  if (name && text !== null) return `${name}=${escapeValue(text)}`;
  return `${name ?? oid}=#${toDerBuffer(valueNode).toString("hex")}`;
}

/** Each RDN as GnuTLS prints it (multi-valued RDNs joined with '+'), in certificate order. */
export function gnutlsRdns(name: Asn1): string[] {
  return children(name).map((rdn) => children(rdn).map(formatAttribute).join("+"));
}

export function formatGnutlsDn(name: Asn1): string {
  return gnutlsRdns(name).join(",");
}

/** The subject DN of a PEM certificate as libvirt sees it, e.g. "CN=hv1,O=virtshield". */
export function gnutlsDn(certificatePem: string): string {
  return formatGnutlsDn(certificateParts(readCertificate(certificatePem).raw).subject);
}
