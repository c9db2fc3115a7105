import { beforeAll, describe, expect, it } from "vitest";
import { createCrl } from "./create-crl";
import { generateCa } from "./generate-ca";
import { crlSignedBy, inspectCrl } from "./inspect-crl";
import type { CaMaterial } from "./types";
import { Scratch } from "@/testing/x509-fixtures";

const now = new Date("2026-03-01T12:00:00Z");

describe("inspectCrl and crlSignedBy", () => {
  let ca: CaMaterial;
  let other: CaMaterial;
  beforeAll(async () => {
    [ca, other] = await Promise.all([generateCa({ now, keyBits: 2048 }), generateCa({ commonName: "Other CA", now, keyBits: 2048 })]);
  });

  it("reads issuer, dates, number and revoked serials of a CRL the product made", () => {
    const pem = createCrl({ ca, revoked: [{ serial: "00:0a:ff", revokedAt: now }, { serial: "7F01", revokedAt: now }], now, nextUpdateDays: 7, crlNumber: 300 });
    expect(inspectCrl(pem)).toEqual({
      issuer: "CN=virtshield CA,O=virtshield",
      thisUpdate: new Date("2026-03-01T11:55:00Z"),
      nextUpdate: new Date("2026-03-08T12:00:00Z"),
      crlNumber: "300",
      revokedSerials: ["0AFF", "7F01"],
    });
  });

  it("accepts the CA's signature and refuses another CA's, or a tampered list", () => {
    const pem = createCrl({ ca, revoked: [], now, crlNumber: 1 });
    expect(crlSignedBy(pem, ca.certificatePem)).toBe(true);
    expect(crlSignedBy(pem, other.certificatePem)).toBe(false);
    expect(crlSignedBy(createCrl({ ca: other, revoked: [], now, crlNumber: 1 }), ca.certificatePem)).toBe(false);
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    const at = der.indexOf("260301115500Z");
    expect(at).toBeGreaterThan(0);
    der.write("260301115501Z", at); // thisUpdate one second later: same length, broken signature
    const tampered = `-----BEGIN X509 CRL-----\n${der.toString("base64")}\n-----END X509 CRL-----\n`;
    expect(inspectCrl(tampered).thisUpdate).toEqual(new Date("2026-03-01T11:55:01Z"));
    expect(crlSignedBy(tampered, ca.certificatePem)).toBe(false);
  });

  it("reads a CRL made by openssl, without a cRLNumber", () => {
    const s = new Scratch();
    try {
      s.write("ca.pem", ca.certificatePem);
      s.write("ca-key.pem", ca.privateKeyPem);
      s.write("index.txt", "");
      s.write("ca.cnf", "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ndefault_md=sha256\ndefault_crl_days=5\n");
      const pem = s.openssl(["ca", "-config", "ca.cnf", "-gencrl", "-cert", "ca.pem", "-keyfile", "ca-key.pem"]);
      expect(inspectCrl(pem)).toMatchObject({ issuer: "CN=virtshield CA,O=virtshield", crlNumber: null, revokedSerials: [] });
      expect(crlSignedBy(pem, ca.certificatePem)).toBe(true);
    } finally {
      s.remove();
    }
  });

  it("refuses what is not a PEM CRL", () => {
    expect(() => inspectCrl(ca.certificatePem)).toThrow(/not a PEM CRL/);
    expect(() => inspectCrl("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")).toThrow(/could not be decoded/);
  });
});
