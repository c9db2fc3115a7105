import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCa } from "./generate-ca";
import { importCa } from "./import-ca";
import { inspectCertificate, issueHostCertificates, verifyIssuedBy } from "./index";
import { MAX_PEM_BYTES } from "./pem";
import { Scratch } from "@/testing/x509-fixtures";

// Bring-your-own CAs made the way operators make them: with openssl, as kolla-ansible/TripleO do.
const now = new Date();
const caExt = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];

describe("importCa", () => {
  const scratch = new Scratch();
  const read = (name: string) => readFileSync(scratch.file(name), "utf8");
  beforeAll(() => {
    scratch.openssl(["genrsa", "-traditional", "-out", "pkcs1.pem", "2048"]);
    scratch.openssl(["pkey", "-in", "pkcs1.pem", "-out", "pkcs8.pem"]);
    scratch.openssl(["req", "-x509", "-key", "pkcs1.pem", "-out", "ca.pem", "-days", "30", "-subj", "/O=Acme/CN=Acme Root", ...caExt]);
    scratch.openssl(["genrsa", "-out", "other.pem", "2048"]);
    scratch.openssl(["req", "-x509", "-key", "pkcs1.pem", "-out", "leaf.pem", "-days", "30", "-subj", "/CN=leaf", "-addext", "basicConstraints=critical,CA:FALSE"]);
    scratch.openssl(["req", "-x509", "-key", "pkcs1.pem", "-out", "nosign.pem", "-days", "30", "-subj", "/CN=nosign", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,digitalSignature"]);
    scratch.openssl(["req", "-x509", "-key", "pkcs1.pem", "-out", "plainca.pem", "-days", "30", "-subj", "/CN=plain", "-addext", "basicConstraints=critical,CA:TRUE"]);
    scratch.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem"]);
    scratch.openssl(["req", "-x509", "-key", "ec.pem", "-out", "ecca.pem", "-days", "30", "-subj", "/CN=ec", ...caExt]);
    scratch.openssl(["genrsa", "-traditional", "-out", "small.pem", "1024"]);
    scratch.openssl(["req", "-x509", "-key", "small.pem", "-out", "smallca.pem", "-days", "30", "-subj", "/CN=small", ...caExt]);
    scratch.openssl(["pkey", "-in", "pkcs1.pem", "-aes256", "-passout", "pass:secret", "-out", "encrypted.pem"]);
  });
  afterAll(() => scratch.remove());

  it("accepts a PKCS#1 key and stores it as PKCS#8 with the certificate unchanged", () => {
    const ca = importCa({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs1.pem"), now });
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(ca.privateKeyPem).toBe(read("pkcs8.pem"));
    expect(inspectCertificate(ca.certificatePem).fingerprintSha256).toBe(inspectCertificate(read("ca.pem")).fingerprintSha256);
  });

  it("accepts a PKCS#8 key, and a CA without keyUsage (OpenSSL's default CA profile)", () => {
    expect(importCa({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs8.pem"), now }).privateKeyPem).toBe(read("pkcs8.pem"));
    expect(() => importCa({ certificatePem: read("plainca.pem"), privateKeyPem: read("pkcs1.pem"), now })).not.toThrow();
  });

  it("issues host certificates from the imported CA that chain to it byte for byte", async () => {
    const ca = importCa({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs1.pem"), now });
    const issued = await issueHostCertificates({ ca, host: { name: "hv1", dnsNames: [], ips: [] }, now });
    expect(inspectCertificate(issued.server.certificatePem).issuer).toBe("O=Acme,CN=Acme Root");
    expect(verifyIssuedBy(issued.server.certificatePem, read("ca.pem"))).toBe(true);
    const ok = scratch.write("issued.pem", issued.server.certificatePem);
    expect(scratch.openssl(["verify", "-CAfile", "ca.pem", ok])).toContain(": OK");
  });

  const refusals: [string, () => { certificatePem: string; privateKeyPem: string; now?: Date }, RegExp][] = [
    ["a non-CA certificate", () => ({ certificatePem: read("leaf.pem"), privateKeyPem: read("pkcs1.pem") }), /not a CA: basicConstraints/],
    ["a CA without keyCertSign", () => ({ certificatePem: read("nosign.pem"), privateKeyPem: read("pkcs1.pem") }), /keyCertSign/],
    ["a key that does not match", () => ({ certificatePem: read("ca.pem"), privateKeyPem: read("other.pem") }), /does not match/],
    ["an expired CA", () => ({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs1.pem"), now: new Date(Date.now() + 40 * 86_400_000) }), /expired on/],
    ["a CA not valid yet", () => ({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs1.pem"), now: new Date(Date.now() - 86_400_000) }), /not valid yet/],
    ["garbage instead of a certificate", () => ({ certificatePem: "hello", privateKeyPem: read("pkcs1.pem") }), /not a PEM certificate/],
    ["a corrupted certificate", () => ({ certificatePem: read("ca.pem").replace(/\n[A-Za-z0-9+/]{10}/, "\nAAAAAAAAAA"), privateKeyPem: read("pkcs1.pem") }), /not a valid PEM certificate/],
    ["garbage instead of a key", () => ({ certificatePem: read("ca.pem"), privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }), /not a valid PEM private key/],
    ["an encrypted key", () => ({ certificatePem: read("ca.pem"), privateKeyPem: read("encrypted.pem") }), /encrypted/],
    ["an EC key", () => ({ certificatePem: read("ecca.pem"), privateKeyPem: read("ec.pem") }), /Only RSA/],
    ["a 1024-bit key", () => ({ certificatePem: read("smallca.pem"), privateKeyPem: read("small.pem") }), /at least 2048/],
    ["two certificates", () => ({ certificatePem: read("ca.pem") + read("leaf.pem"), privateKeyPem: read("pkcs1.pem") }), /holds 2 certificates/],
    ["an oversize certificate", () => ({ certificatePem: read("ca.pem") + " ".repeat(MAX_PEM_BYTES), privateKeyPem: read("pkcs1.pem") }), /64 KiB/],
    ["an oversize key", () => ({ certificatePem: read("ca.pem"), privateKeyPem: read("pkcs1.pem") + "\n".repeat(MAX_PEM_BYTES) }), /64 KiB/],
    ["an empty key", () => ({ certificatePem: read("ca.pem"), privateKeyPem: "" }), /empty/],
  ];
  it.each(refusals)("refuses %s with VALIDATION", (_label, input, message) => {
    const attempt = () => importCa({ now, ...input() });
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("round-trips a CA made by generateCa", async () => {
    const made = await generateCa({ now, keyBits: 2048 });
    expect(importCa({ ...made, now })).toEqual(made);
  });
});
