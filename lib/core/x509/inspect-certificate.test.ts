import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCa } from "./generate-ca";
import { certificateMatchesKey, inspectCertificate, issueHostCertificates, verifyIssuedBy, type CaMaterial, type HostCertificates } from "./index";
import { MAX_PEM_BYTES } from "./pem";
import { Scratch } from "@/testing/x509-fixtures";

const now = new Date();

describe("inspectCertificate and helpers", () => {
  const scratch = new Scratch();
  let ca: CaMaterial;
  let otherCa: CaMaterial;
  let hv: HostCertificates;
  beforeAll(async () => {
    [ca, otherCa] = await Promise.all([generateCa({ now, keyBits: 2048 }), generateCa({ now, keyBits: 2048 })]);
    hv = await issueHostCertificates({ ca, host: { name: "hv1", dnsNames: ["hv1.lab"], ips: ["198.18.0.11", "fd00::11"] }, now });
    scratch.write("server.pem", hv.server.certificatePem);
    // A certificate forge itself could not parse: ECDSA, as a host may already have deployed.
    scratch.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec-key.pem",
      "-out", "ec.pem", "-days", "10", "-subj", "/CN=ec-host", "-addext", "subjectAltName=DNS:ec.lab,IP:198.18.0.20"]);
  });
  afterAll(() => scratch.remove());

  it("reports serial and SHA-256 fingerprint exactly as openssl prints them", () => {
    const info = inspectCertificate(hv.server.certificatePem);
    const out = scratch.openssl(["x509", "-in", "server.pem", "-noout", "-serial", "-fingerprint", "-sha256"]);
    expect(out).toContain(`serial=${info.serial}\n`);
    expect(out).toContain(`sha256 Fingerprint=${info.fingerprintSha256}\n`);
  });

  it("reports names, dates, usages and key ids", () => {
    const info = inspectCertificate(hv.server.certificatePem);
    expect(info).toMatchObject({
      subject: "CN=hv1,O=virtshield",
      issuer: "CN=virtshield CA,O=virtshield",
      dnsNames: ["hv1", "hv1.lab"],
      ips: ["198.18.0.11", "fd00::11"],
      isCa: false,
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extKeyUsage: ["serverAuth"],
      notBefore: hv.server.notBefore,
      notAfter: hv.server.notAfter,
    });
  });

  it("inspects certificates with non-RSA keys made elsewhere", () => {
    const info = inspectCertificate(readFileSync(scratch.file("ec.pem"), "utf8"));
    expect(info.subject).toBe("CN=ec-host");
    expect(info.dnsNames).toEqual(["ec.lab"]);
    expect(info.ips).toEqual(["198.18.0.20"]);
    expect(info.keyUsage).toEqual([]);
    expect(certificateMatchesKey(readFileSync(scratch.file("ec.pem"), "utf8"), readFileSync(scratch.file("ec-key.pem"), "utf8"))).toBe(true);
    expect(certificateMatchesKey(readFileSync(scratch.file("ec.pem"), "utf8"), hv.server.privateKeyPem)).toBe(false);
  });

  it.each([
    ["garbage", "not a certificate", /not a PEM certificate/],
    ["a broken body", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", /not a valid PEM certificate/],
    ["oversize input", "x".repeat(MAX_PEM_BYTES + 1), /64 KiB/],
  ])("refuses %s with VALIDATION", (_label, pem, message) => {
    expect(() => inspectCertificate(pem)).toThrow(message);
    expect(() => inspectCertificate(pem)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("tells which CA issued a certificate", () => {
    expect(verifyIssuedBy(hv.client.certificatePem, ca.certificatePem)).toBe(true);
    expect(verifyIssuedBy(hv.client.certificatePem, otherCa.certificatePem)).toBe(false);
  });

  it("tells whether a key belongs to a certificate", () => {
    expect(certificateMatchesKey(hv.client.certificatePem, hv.client.privateKeyPem)).toBe(true);
    expect(certificateMatchesKey(hv.client.certificatePem, ca.privateKeyPem)).toBe(false);
    expect(() => certificateMatchesKey(hv.client.certificatePem, "junk")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});
