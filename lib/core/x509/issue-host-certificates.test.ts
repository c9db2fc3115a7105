import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateParts, findExtension } from "./der";
import { OID } from "./extensions";
import { generateCa } from "./generate-ca";
import { issueHostCertificates, type IssueHostCertificatesInput } from "./issue-host-certificates";
import { certificateMatchesKey, inspectCertificate, verifyIssuedBy, type CaMaterial, type HostCertificates } from "./index";

const now = new Date("2026-03-01T12:00:00Z");
const host = { name: "hv1", dnsNames: ["hv1.lab.example", "HV1.lab.example.", "hv1"], ips: ["198.18.0.11", "2001:DB8:0::1", "198.18.0.11"] };

describe("issueHostCertificates", () => {
  let ca: CaMaterial;
  let issued: HostCertificates;
  beforeAll(async () => {
    ca = await generateCa({ now, keyBits: 2048 });
    issued = await issueHostCertificates({ ca, host, now, validityDays: 90 });
  });

  it("puts every DNS name and IP in the server SAN, deduplicated, host name included", () => {
    const info = inspectCertificate(issued.server.certificatePem);
    expect(info.dnsNames).toEqual(["hv1", "hv1.lab.example"]);
    expect(info.ips).toEqual(["198.18.0.11", "2001:db8::1"]);
    const x509 = new X509Certificate(issued.server.certificatePem);
    expect(x509.checkHost("hv1.lab.example")).toBe("hv1.lab.example");
    expect(x509.checkIP("198.18.0.11")).toBe("198.18.0.11");
  });

  it("gives the server serverAuth and the client clientAuth", () => {
    expect(inspectCertificate(issued.server.certificatePem).extKeyUsage).toEqual(["serverAuth"]);
    expect(inspectCertificate(issued.client.certificatePem).extKeyUsage).toEqual(["clientAuth"]);
  });

  it("marks keyUsage and basicConstraints CA:FALSE critical on both leaves", () => {
    for (const leaf of [issued.server, issued.client]) {
      const parts = certificateParts(new X509Certificate(leaf.certificatePem).raw);
      expect(findExtension(parts, OID.basicConstraints)?.critical).toBe(true);
      expect(findExtension(parts, OID.keyUsage)?.critical).toBe(true);
      const info = inspectCertificate(leaf.certificatePem);
      expect(info.isCa).toBe(false);
      expect(info.keyUsage).toEqual(["digitalSignature", "keyEncipherment"]);
    }
  });

  it("sets the authority key id of each leaf to the CA's subject key id", () => {
    const caKeyId = inspectCertificate(ca.certificatePem).subjectKeyId;
    for (const leaf of [issued.server, issued.client]) {
      const info = inspectCertificate(leaf.certificatePem);
      expect(info.authorityKeyId).toBe(caKeyId);
      expect(info.subjectKeyId).not.toBe(caKeyId);
    }
  });

  it("uses subject CN=<name>,O=<organization> and reports the client DN", () => {
    expect(inspectCertificate(issued.client.certificatePem).subject).toBe("CN=hv1,O=virtshield");
    expect(inspectCertificate(issued.server.certificatePem).issuer).toBe("CN=virtshield CA,O=virtshield");
    expect(issued.clientDn).toBe("CN=hv1,O=virtshield");
  });

  it("backdates notBefore by five minutes and ends validityDays after now", () => {
    for (const leaf of [issued.server, issued.client]) {
      const info = inspectCertificate(leaf.certificatePem);
      expect(info.notBefore).toEqual(new Date("2026-03-01T11:55:00Z"));
      expect(info.notAfter).toEqual(new Date("2026-05-30T12:00:00Z"));
      expect(leaf.notBefore).toEqual(info.notBefore);
      expect(leaf.notAfter).toEqual(info.notAfter);
    }
  });

  it("reports distinct positive serials that match the certificates", () => {
    expect(issued.server.serial).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(issued.server.serial).toBe(inspectCertificate(issued.server.certificatePem).serial);
    expect(issued.client.serial).toBe(inspectCertificate(issued.client.certificatePem).serial);
    expect(issued.server.serial).not.toBe(issued.client.serial);
  });

  it("returns PKCS#8 keys that match their certificates, signed by the CA", () => {
    for (const leaf of [issued.server, issued.client]) {
      expect(leaf.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(certificateMatchesKey(leaf.certificatePem, leaf.privateKeyPem)).toBe(true);
      expect(verifyIssuedBy(leaf.certificatePem, ca.certificatePem)).toBe(true);
    }
    expect(certificateMatchesKey(issued.server.certificatePem, issued.client.privateKeyPem)).toBe(false);
  });

  it("puts an IP-literal host name into the IP SAN, not the DNS SAN", async () => {
    const r = await issueHostCertificates({ ca, host: { name: "198.18.0.12", dnsNames: [], ips: [] }, now });
    const info = inspectCertificate(r.server.certificatePem);
    expect(info.dnsNames).toEqual([]);
    expect(info.ips).toEqual(["198.18.0.12"]);
    expect(r.clientDn).toBe("CN=198.18.0.12,O=virtshield");
  });

  it("never outlives the CA", async () => {
    const shortCa = await generateCa({ now, keyBits: 2048, validityDays: 10 });
    const r = await issueHostCertificates({ ca: shortCa, host, now, validityDays: 365 });
    expect(r.server.notAfter).toEqual(inspectCertificate(shortCa.certificatePem).notAfter);
  });

  const base = (): IssueHostCertificatesInput => ({ ca, host: { ...host }, now });
  it.each([
    ["a bad host name", { host: { name: "hv_1", dnsNames: [], ips: [] } }, /not a valid hostname/],
    ["an empty host name", { host: { name: "", dnsNames: [], ips: [] } }, /not a valid hostname/],
    ["a label starting with -", { host: { name: "-hv1", dnsNames: [], ips: [] } }, /not a valid hostname/],
    ["a shell metacharacter", { host: { name: "hv1;rm", dnsNames: [], ips: [] } }, /not a valid hostname/],
    ["an over-long host name", { host: { name: "h".repeat(63) + ".lab", dnsNames: [], ips: [] } }, /64 characters/],
    ["a bad IPv4", { host: { name: "hv1", dnsNames: [], ips: ["198.18.0.300"] } }, /not a valid IPv4 or IPv6/],
    ["an IPv6 zone id", { host: { name: "hv1", dnsNames: [], ips: ["fe80::1%eth0"] } }, /not a valid IPv4 or IPv6/],
    ["an IP among DNS names", { host: { name: "hv1", dnsNames: ["198.18.0.1"], ips: [] } }, /list it under ips/],
    ["a two-label wildcard", { host: { name: "hv1", dnsNames: ["*.lab"], ips: [] } }, /not a valid DNS name/],
    ["a wildcard inside a label", { host: { name: "hv1", dnsNames: ["h*.lab.example"], ips: [] } }, /not a valid DNS name/],
    ["an organization with a glob", { organization: "acme*" }, /must not contain/],
    ["a validity of zero days", { validityDays: 0 }, /Validity/],
    ["a key size of 1024", { keyBits: 1024 }, /Key size/],
  ])("refuses %s with VALIDATION", async (_label, override, message) => {
    const attempt = issueHostCertificates({ ...base(), ...override });
    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
  });

  it("accepts a three-label wildcard", async () => {
    const r = await issueHostCertificates({ ...base(), host: { name: "hv1", dnsNames: ["*.lab.example"], ips: [] } });
    expect(inspectCertificate(r.server.certificatePem).dnsNames).toEqual(["hv1", "*.lab.example"]);
  });

  it("refuses an expired or not yet valid CA as a failed precondition", async () => {
    const later = new Date("2040-01-01T00:00:00Z");
    await expect(issueHostCertificates({ ...base(), now: later })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const earlier = new Date("2020-01-01T00:00:00Z");
    await expect(issueHostCertificates({ ...base(), now: earlier })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("refuses CA material that is not a CA", async () => {
    const leafAsCa = { certificatePem: issued.server.certificatePem, privateKeyPem: issued.server.privateKeyPem };
    await expect(issueHostCertificates({ ...base(), ca: leafAsCa })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
