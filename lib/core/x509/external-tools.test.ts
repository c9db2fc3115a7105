import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCa } from "./generate-ca";
import { issueHostCertificates } from "./issue-host-certificates";
import { run, Scratch } from "@/testing/x509-fixtures";

// The issued files checked the way an operator (and libvirt's GnuTLS) would: openssl and certtool.
describe("issued certificates under openssl and certtool", () => {
  const scratch = new Scratch();
  beforeAll(async () => {
    const now = new Date();
    const ca = await generateCa({ now, keyBits: 2048 });
    const hv = await issueHostCertificates({
      ca,
      host: { name: "hv1", dnsNames: ["hv1.lab.example"], ips: ["198.18.0.11", "2001:db8::11"] },
      now,
    });
    scratch.write("ca.pem", ca.certificatePem);
    scratch.write("server.pem", hv.server.certificatePem);
    scratch.write("serverkey.pem", hv.server.privateKeyPem);
    scratch.write("client.pem", hv.client.certificatePem);
    scratch.write("clientkey.pem", hv.client.privateKeyPem);
  });
  afterAll(() => scratch.remove());

  it("openssl verify accepts server and client against the CA, with their purposes", () => {
    expect(scratch.openssl(["verify", "-CAfile", "ca.pem", "server.pem", "client.pem"])).toBe("server.pem: OK\nclient.pem: OK\n");
    expect(scratch.openssl(["verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "server.pem"])).toContain("OK");
    expect(scratch.openssl(["verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "client.pem"])).toContain("OK");
    expect(run("openssl", ["verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "client.pem"], scratch.dir).status).not.toBe(0);
  });

  it("openssl shows the server extensions", () => {
    const out = scratch.openssl(["x509", "-in", "server.pem", "-noout", "-ext", "subjectAltName,extendedKeyUsage,keyUsage,basicConstraints"]);
    expect(out).toContain("X509v3 Basic Constraints: critical\n    CA:FALSE");
    expect(out).toContain("X509v3 Key Usage: critical\n    Digital Signature, Key Encipherment");
    expect(out).toContain("X509v3 Extended Key Usage: \n    TLS Web Server Authentication");
    expect(out).toContain("DNS:hv1, DNS:hv1.lab.example, IP Address:198.18.0.11, IP Address:2001:DB8:0:0:0:0:0:11");
  });

  it("openssl shows the CA extensions and the client EKU", () => {
    const ca = scratch.openssl(["x509", "-in", "ca.pem", "-noout", "-ext", "keyUsage,basicConstraints"]);
    expect(ca).toContain("X509v3 Basic Constraints: critical\n    CA:TRUE");
    expect(ca).toContain("X509v3 Key Usage: critical\n    Certificate Sign, CRL Sign");
    const client = scratch.openssl(["x509", "-in", "client.pem", "-noout", "-ext", "extendedKeyUsage"]);
    expect(client).toContain("TLS Web Client Authentication");
  });

  it("certtool verifies the chain and the server's names the way GnuTLS clients do", () => {
    for (const leaf of ["server.pem", "client.pem"]) {
      const r = run("certtool", ["--verify", "--load-ca-certificate", "ca.pem", "--infile", leaf], scratch.dir);
      expect(r.stdout).toContain("Chain verification output: Verified. The certificate is trusted.");
    }
    for (const name of ["hv1", "hv1.lab.example", "198.18.0.11", "2001:db8::11"]) {
      const r = run("certtool", ["--verify", "--load-ca-certificate", "ca.pem", "--infile", "server.pem", "--verify-hostname", name], scratch.dir);
      expect(r.stdout, name).toContain("Chain verification output: Verified.");
    }
    const wrong = run("certtool", ["--verify", "--load-ca-certificate", "ca.pem", "--infile", "server.pem", "--verify-hostname", "hv2"], scratch.dir);
    expect(wrong.stdout).toContain("does not match the expected");
  });

  it("certtool reads the PKCS#8 keys and prints the client DN", () => {
    for (const key of ["serverkey.pem", "clientkey.pem"]) {
      const r = run("certtool", ["-k", "--infile", key], scratch.dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("Public Key Info:");
    }
    const info = run("certtool", ["-i", "--infile", "client.pem"], scratch.dir).stdout;
    // RFC 4514 order; libvirt and virt-pki-query-dn see the certificate order "CN=hv1,O=virtshield".
    expect(info).toContain("\tSubject: O=virtshield,CN=hv1\n");
    expect(info).toContain("\tIssuer: O=virtshield,CN=virtshield CA\n");
  });
});
