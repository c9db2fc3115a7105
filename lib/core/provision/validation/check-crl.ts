import { X509Certificate } from "node:crypto";
import type { PkiSet } from "@/lib/core/provision/pki-files";
import { daysLeft, CLOCK_SKEW_MS } from "@/lib/core/x509";
import { crlSignedBy, inspectCrl, type CrlInfo } from "@/lib/core/x509/inspect-crl";
import { FIX, ok, problem, type Finding } from "./findings";
import { certAt, serialOf, specOf, type PkiCheckInput } from "./check-input";

function readCrl(pem: string | null | undefined): CrlInfo | null {
  if (!pem) return null;
  try {
    return inspectCrl(pem);
  } catch {
    return null;
  }
}

function freshness(input: PkiCheckInput, crl: CrlInfo, where: { set: PkiSet; path: string }): Finding {
  const evidence = `thisUpdate ${crl.thisUpdate.toISOString()}, nextUpdate ${crl.nextUpdate?.toISOString() ?? "none"}`;
  if (crl.thisUpdate.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
    return problem("crl-fresh", "error", "The CRL is issued in the future: GnuTLS rejects it and every TLS connection fails", evidence, "Fix the host's or the dashboard's clock", where);
  }
  if (!crl.nextUpdate) return problem("crl-fresh", "warning", "The CRL has no nextUpdate", evidence, FIX.publishCrl, where);
  if (crl.nextUpdate < input.now) return problem("crl-fresh", "error", "The CRL is past its nextUpdate", evidence, FIX.publishCrl, where);
  return ok("crl-fresh", `Next update in ${daysLeft(crl.nextUpdate, input.now)} days`, evidence, where);
}

function current(deployed: CrlInfo, product: CrlInfo | null, where: { set: PkiSet; path: string }): Finding | null {
  if (!product || product.crlNumber === null) return null;
  const evidence = `CRL number ${deployed.crlNumber ?? "none"}, the product's is ${product.crlNumber}`;
  if (deployed.crlNumber !== null && BigInt(deployed.crlNumber) >= BigInt(product.crlNumber)) return ok("crl-current", "The product's current CRL", evidence, where);
  return problem("crl-current", "warning", "Older than the product's CRL: later revocations are not enforced here", evidence, FIX.provision, where);
}

function revoked(input: PkiCheckInput, set: PkiSet, lists: CrlInfo[]): Finding[] {
  const revokedSerials = new Set(lists.flatMap((l) => l.revokedSerials));
  const out: Finding[] = [];
  for (const role of ["server-cert", "client-cert"] as const) {
    const path = specOf(set, role).path;
    const x = certAt(input.snapshot, path);
    if (!(x instanceof X509Certificate)) continue;
    const serial = serialOf(x);
    out.push(revokedSerials.has(serial)
      ? problem("revoked", "error", "This certificate is revoked", `serial ${serial} is on the CRL`, FIX.reissue, { set, path })
      : ok("revoked", "Not revoked", `serial ${serial} not on the CRL`, { set, path }));
  }
  return out;
}

// The CRL of one set: there when the product has one, signed by the CA, fresh, current; and
// neither leaf of the set revoked (by the deployed CRL or by the product's newer one).
export function checkCrl(input: PkiCheckInput, set: PkiSet): Finding[] {
  const path = specOf(set, "crl").path;
  const where = { set, path };
  const pem = input.snapshot.pems[path];
  const product = readCrl(input.ca?.crlPem);
  const out: (Finding | null)[] = [];
  if (pem === undefined) {
    out.push(product
      ? problem("crl-present", "warning", "No CRL deployed: revoked certificates are still accepted here", "not found on the host", FIX.provision, where)
      : problem("crl-present", "info", "No CRL deployed, and the product has none", "not found on the host", null, where));
    return [...out.filter((f): f is Finding => f !== null), ...revoked(input, set, product ? [product] : [])];
  }
  const deployed = readCrl(pem);
  if (!deployed) return [problem("crl-present", "error", "Not a PEM CRL: GnuTLS fails to load it", "unparsable", FIX.provision, where), ...revoked(input, set, product ? [product] : [])];
  out.push(ok("crl-present", "Present", `${deployed.revokedSerials.length} revoked serial(s), issuer ${deployed.issuer}`, where));
  if (input.ca) {
    out.push(crlSignedBy(pem, input.ca.certificatePem)
      ? ok("crl-signature", "Signed by the product's CA", deployed.issuer, where)
      : problem("crl-signature", "error", "Not signed by the product's CA: GnuTLS refuses to load it", `issuer ${deployed.issuer}`, FIX.provision, where));
  }
  out.push(freshness(input, deployed, where), current(deployed, product, where));
  return [...out.filter((f): f is Finding => f !== null), ...revoked(input, set, product ? [deployed, product] : [deployed])];
}
