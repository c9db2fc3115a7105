import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrl } from "./create-crl";
import { bytes, children, parseDer, readTime, type Asn1 } from "./der";
import { generateCa } from "./generate-ca";
import { inspectCertificate, issueHostCertificates, type CaMaterial, type HostCertificates } from "./index";
import { run, Scratch } from "@/testing/x509-fixtures";

const now = new Date("2026-03-01T12:00:00Z");

/** Reads back what matters from a CRL PEM with the same ASN.1 walker the module uses. */
function readCrl(pem: string) {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const fields = children(children(parseDer(der))[0]);
  const list = fields.find((f) => f.tagClass === forge.asn1.Class.UNIVERSAL && f.type === forge.asn1.Type.SEQUENCE && f !== fields[1] && f !== fields[2]);
  const entries = list ? children(list).map((e: Asn1) => children(e)) : [];
  const extensions = children(children(fields[fields.length - 1])[0]).map((e) => children(e));
  return {
    version: bytes(fields[0])[0],
    thisUpdate: readTime(fields[3]),
    nextUpdate: readTime(fields[4]),
    serials: entries.map(([serial]) => bytes(serial).toString("hex").toUpperCase()),
    revokedAt: entries.map(([, at]) => readTime(at)),
    extensionOids: extensions.map(([oid]) => forge.asn1.derToOid(bytes(oid).toString("binary"))),
  };
}

describe("createCrl", () => {
  let ca: CaMaterial;
  let hv: HostCertificates;
  const scratch = new Scratch();
  beforeAll(async () => {
    ca = await generateCa({ now, keyBits: 2048 });
    hv = await issueHostCertificates({ ca, host: { name: "hv1", dnsNames: [], ips: [] }, now });
    scratch.write("ca.pem", ca.certificatePem);
    scratch.write("client.pem", hv.client.certificatePem);
    scratch.write("server.pem", hv.server.certificatePem);
  });
  afterAll(() => scratch.remove());

  it("lists the revoked serials with their revocation times", () => {
    const revokedAt = new Date("2026-02-27T08:30:00Z");
    const crl = readCrl(createCrl({ ca, revoked: [{ serial: hv.client.serial, revokedAt }, { serial: "00:0a:ff", revokedAt }], now, crlNumber: 7 }));
    expect(crl.version).toBe(1);
    expect(crl.serials).toEqual([hv.client.serial, "0AFF"]);
    expect(crl.revokedAt).toEqual([revokedAt, revokedAt]);
  });

  it("backdates thisUpdate by the clock-skew allowance and sets nextUpdate from nextUpdateDays", () => {
    const crl = readCrl(createCrl({ ca, revoked: [], now, nextUpdateDays: 7, crlNumber: 1 }));
    expect(crl.thisUpdate).toEqual(new Date("2026-03-01T11:55:00Z"));
    expect(crl.nextUpdate).toEqual(new Date("2026-03-08T12:00:00Z"));
  });

  it("omits an empty revoked list and carries authorityKeyIdentifier and cRLNumber", () => {
    const crl = readCrl(createCrl({ ca, revoked: [], now, crlNumber: 1n }));
    expect(crl.serials).toEqual([]);
    expect(crl.extensionOids).toEqual(["2.5.29.35", "2.5.29.20"]);
  });

  it("encodes a serial with the high bit set as a positive integer and deduplicates", () => {
    const pem = createCrl({ ca, revoked: [{ serial: "80", revokedAt: now }, { serial: "0080", revokedAt: now }], now, crlNumber: 2 });
    expect(readCrl(pem).serials).toEqual(["0080"]);
    const file = scratch.write("high.pem", pem);
    expect(scratch.openssl(["crl", "-in", file, "-noout", "-text"])).toMatch(/Serial Number: 80\n/);
  });

  it("verifies with openssl against the CA and shows the CRL number and key id", () => {
    const file = scratch.write("crl.pem", createCrl({ ca, revoked: [{ serial: hv.client.serial, revokedAt: now }], now, crlNumber: 42 }));
    const r = run("openssl", ["crl", "-in", file, "-CAfile", "ca.pem", "-noout"], scratch.dir);
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).toContain("verify OK");
    const text = scratch.openssl(["crl", "-in", file, "-noout", "-text"]);
    expect(text).toMatch(/X509v3 CRL Number: \n\s+42\n/);
    expect(text).toContain(`Serial Number: ${hv.client.serial}`);
    const caKeyId = inspectCertificate(ca.certificatePem).subjectKeyId ?? "";
    expect(text.replace(/:/g, "")).toContain(caKeyId);
  });

  it("is accepted by GnuTLS, which then rejects the revoked client and still trusts the server", () => {
    const file = scratch.write("crl.pem", createCrl({ ca, revoked: [{ serial: hv.client.serial, revokedAt: now }], now: new Date(), crlNumber: 3 }));
    const info = run("certtool", ["--crl-info", "--infile", file], scratch.dir);
    expect(info.status).toBe(0);
    expect(info.stdout).toContain(`Serial Number (hex): ${hv.client.serial.toLowerCase()}`);
    const verified = run("certtool", ["--verify-crl", "--load-ca-certificate", "ca.pem", "--infile", file], scratch.dir);
    expect(verified.stdout).toContain("Verification output: Verified.");
    const client = run("certtool", ["--verify", "--load-ca-certificate", "ca.pem", "--load-crl", file, "--infile", "client.pem"], scratch.dir);
    expect(client.stdout).toContain("The certificate chain is revoked");
    const server = run("certtool", ["--verify", "--load-ca-certificate", "ca.pem", "--load-crl", file, "--infile", "server.pem"], scratch.dir);
    expect(server.stdout).toContain("Chain verification output: Verified.");
  });

  it.each([
    [{ revoked: [{ serial: "xyz", revokedAt: now }] }, /not hexadecimal/],
    [{ revoked: [{ serial: "01", revokedAt: new Date("bad") }] }, /not a valid date/],
    [{ crlNumber: -1 }, /crlNumber/],
    [{ crlNumber: 1.5 }, /crlNumber/],
    [{ nextUpdateDays: 0 }, /Validity/],
  ])("refuses %o with VALIDATION", (override, message) => {
    expect(() => createCrl({ ca, revoked: [], now, crlNumber: 1, ...override })).toThrow(message);
  });
});
