import { createPublicKey, X509Certificate } from "node:crypto";
import type { PkiSet } from "@/lib/core/provision/pki-files";
import { certificateNames } from "@/lib/core/inventory/host-view";
import { daysLeft, gnutlsDn, inspectCertificate } from "@/lib/core/x509";
import { FIX, ok, problem, type Finding } from "./findings";
import { certAt, keyOf, serialOf, specOf, type PkiCheckInput } from "./check-input";
import { checkKeyUsage } from "./check-key-usage";

type Leaf = "server" | "client";
const day = (d: Date) => d.toISOString().slice(0, 10);

export function checkValidity(input: PkiCheckInput, x: X509Certificate, where: { set: PkiSet; path: string }): Finding {
  const from = new Date(x.validFrom);
  const to = new Date(x.validTo);
  const evidence = `valid ${day(from)} to ${day(to)}, serial ${serialOf(x)}`;
  if (input.now < from) return problem("validity", "error", "Not valid yet: libvirt reports \"is not yet active\"", evidence, "Fix the host's or the dashboard's clock, or re-issue certificates", where);
  const left = daysLeft(to, input.now);
  if (input.now > to) return problem("validity", "error", "Expired: TLS connections are refused", evidence, FIX.reissue, where);
  if (left < input.renewBeforeDays) return problem("validity", "warning", `Expires in ${left} days (renewal window ${input.renewBeforeDays} days)`, evidence, FIX.reissue, where);
  return ok("validity", `${left} days left`, evidence, where);
}

export function checkKeySize(x: X509Certificate, where: { set: PkiSet; path: string }): Finding {
  const key = x.publicKey;
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") {
    const bits = d.modulusLength ?? 0;
    return bits >= 2048 ? ok("key-size", `RSA ${bits} bits`, `RSA ${bits}`, where) : problem("key-size", "error", `RSA key of ${bits} bits is too small (at least 2048)`, `RSA ${bits}`, FIX.reissue, where);
  }
  if (key.asymmetricKeyType === "ec") return ok("key-size", `EC ${d.namedCurve}`, `EC ${d.namedCurve}`, where);
  return ok("key-size", `${key.asymmetricKeyType} key`, `${key.asymmetricKeyType}`, where);
}

function chain(input: PkiCheckInput, set: PkiSet, x: X509Certificate, where: { set: PkiSet; path: string }): Finding {
  const issued = (ca: X509Certificate) => x.checkIssued(ca) && x.verify(ca.publicKey);
  const setCaPath = specOf(set, "ca").path;
  const setCa = certAt(input.snapshot, setCaPath);
  const evidence = `issuer ${inspectCertificate(x.toString()).issuer}`;
  if (setCa instanceof X509Certificate && !issued(setCa)) {
    return problem("chain", "error", `Not signed by the CA in ${setCaPath}: peers report "hasn't got a known issuer"`, evidence, FIX.provision, where);
  }
  if (!input.ca) return problem("chain", "warning", "The dashboard has no CA to check the chain against", evidence, null, where);
  if (!issued(new X509Certificate(input.ca.certificatePem))) return problem("chain", "error", "Not issued by the product's CA", evidence, FIX.reissue, where);
  return ok("chain", "Issued by the product's CA", evidence, where);
}

function keyMatch(input: PkiCheckInput, set: PkiSet, role: Leaf, x: X509Certificate, where: { set: PkiSet; path: string }): Finding | null {
  const keyPath = specOf(set, `${role}-key`).path;
  const probe = keyOf(input.snapshot, keyPath);
  if (!probe) return null; // the key's absence is a presence finding
  const w = { set, path: keyPath };
  if (probe.status === "encrypted") {
    return problem("key-match", set === "libvirt" ? "error" : "warning", "The private key is encrypted: libvirtd has no passphrase option", "ENCRYPTED PEM", FIX.provision, w);
  }
  if (probe.status === "no-openssl") return problem("key-match", "warning", "Could not compare key and certificate: openssl is missing on the host", "no openssl", null, w);
  if (probe.status === "unreadable" || !probe.publicKeyPem) return problem("key-match", "error", "Not a readable private key", "openssl pkey failed", FIX.provision, w);
  const der = (k: ReturnType<typeof createPublicKey>) => k.export({ type: "spki", format: "der" });
  let same: boolean;
  try {
    same = der(createPublicKey(probe.publicKeyPem)).equals(der(x.publicKey));
  } catch {
    return problem("key-match", "error", "Not a readable private key", "the public key could not be parsed", FIX.provision, w);
  }
  return same
    ? ok("key-match", `The key belongs to ${where.path}`, "public keys equal", w)
    : problem("key-match", "error", `The key does not belong to ${where.path}: the TLS handshake fails`, "public keys differ", FIX.provision, w);
}

function san(input: PkiCheckInput, x: X509Certificate, where: { set: PkiSet; path: string }): Finding {
  const want = certificateNames(input.host);
  const missing = [
    ...want.dnsNames.filter((n) => x.checkHost(n, { subject: "never" }) === undefined),
    ...want.ips.filter((ip) => x.checkIP(ip) === undefined),
  ];
  const evidence = `SAN: ${x.subjectAltName ?? "none"}`;
  if (missing.length === 0) return ok("san", `Covers ${[...want.dnsNames, ...want.ips].join(", ")}`, evidence, where);
  return problem("san", "error", `Does not cover ${missing.join(", ")}: clients using it get "Certificate does not match the hostname"`, evidence, FIX.reissue, where);
}

// After a renewal the host keeps serving the old pair until it is deployed again.
function issued(input: PkiCheckInput, leaf: Leaf, x: X509Certificate, where: { set: PkiSet; path: string }): Finding | null {
  if (!input.issuedSerials) return null;
  const want = input.issuedSerials[leaf];
  const have = serialOf(x);
  if (have === want) return ok("issued", `The host's current ${leaf} certificate`, `serial ${have}`, where);
  return problem("issued", "warning", `Not the ${leaf} certificate the product issued last: deploy the current one`, `serial ${have}, current ${want}`, FIX.provision, where);
}

function clientDn(input: PkiCheckInput, x: X509Certificate, where: { set: PkiSet; path: string }): Finding {
  const dn = gnutlsDn(x.toString());
  if (input.fleetClientDns.includes(dn)) return ok("client-dn", "Its DN is one the fleet admits", dn, where);
  return problem("client-dn", "warning", "Its DN is not among the fleet's client DNs: peers' tls_allowed_dn_list will refuse it", dn, FIX.reissue, where);
}

// The CA file and both leaf certificates of one set, checked on their own.
export function checkCertificates(input: PkiCheckInput, set: PkiSet): Finding[] {
  const out: (Finding | null)[] = [];
  for (const role of ["ca", "server-cert", "client-cert"] as const) {
    const path = specOf(set, role).path;
    const where = { set, path };
    const x = certAt(input.snapshot, path);
    if (x === null) continue;
    if (typeof x === "string") {
      out.push(problem(role === "ca" ? "ca" : "chain", "error", "Not a PEM certificate", x, FIX.provision, where));
      continue;
    }
    if (role === "ca") {
      const product = input.ca ? new X509Certificate(input.ca.certificatePem) : null;
      const fp = x.fingerprint256.toUpperCase();
      if (!product) out.push(problem("ca", "warning", "The dashboard has no CA to compare with", fp, null, where));
      else if (product.fingerprint256.toUpperCase() === fp) out.push(ok("ca", "The product's CA", fp, where));
      else out.push(problem("ca", "error", "Not the product's CA", `${fp}, expected ${product.fingerprint256.toUpperCase()}`, FIX.provision, where));
    } else {
      const leaf: Leaf = role === "server-cert" ? "server" : "client";
      out.push(chain(input, set, x, where), issued(input, leaf, x, where), keyMatch(input, set, leaf, x, where));
      out.push(leaf === "server" ? san(input, x, where) : clientDn(input, x, where));
    }
    out.push(checkKeyUsage(x, role, where), checkValidity(input, x, where), checkKeySize(x, where));
  }
  return out.filter((f): f is Finding => f !== null);
}
