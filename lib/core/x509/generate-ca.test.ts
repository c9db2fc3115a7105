import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { certificateParts, findExtension } from "./der";
import { OID } from "./extensions";
import { generateCa } from "./generate-ca";
import { certificateMatchesKey, inspectCertificate, type CaMaterial } from "./index";
import { CLOCK_SKEW_MS } from "./validity";

const now = new Date("2026-03-01T12:00:00.500Z");

describe("generateCa", () => {
  let ca: CaMaterial;
  beforeAll(async () => {
    ca = await generateCa({ now, keyBits: 2048, validityDays: 100, commonName: "Lab CA", organization: "Lab" });
  });

  it("marks basicConstraints CA:TRUE and keyUsage keyCertSign+cRLSign as critical", () => {
    const parts = certificateParts(new X509Certificate(ca.certificatePem).raw);
    expect(findExtension(parts, OID.basicConstraints)?.critical).toBe(true);
    expect(findExtension(parts, OID.keyUsage)?.critical).toBe(true);
    const info = inspectCertificate(ca.certificatePem);
    expect(info.isCa).toBe(true);
    expect(info.keyUsage).toEqual(["keyCertSign", "cRLSign"]);
    expect(info.criticalExtensions.sort()).toEqual(["basicConstraints", "keyUsage"]);
  });

  it("has a subject key id that equals its own authority key id", () => {
    const info = inspectCertificate(ca.certificatePem);
    expect(info.subjectKeyId).toMatch(/^[0-9A-F]{40}$/);
    expect(info.authorityKeyId).toBe(info.subjectKeyId);
  });

  it("uses a positive 16-byte random serial", async () => {
    const info = inspectCertificate(ca.certificatePem);
    expect(info.serial).toMatch(/^[0-7][0-9A-F]{31}$/);
    const other = await generateCa({ now, keyBits: 2048 });
    expect(inspectCertificate(other.certificatePem).serial).not.toBe(info.serial);
  });

  it("is valid from a few minutes before now for validityDays", () => {
    const info = inspectCertificate(ca.certificatePem);
    expect(info.notBefore).toEqual(new Date(Math.floor((now.getTime() - CLOCK_SKEW_MS) / 1000) * 1000));
    expect(info.notAfter).toEqual(new Date("2026-06-09T12:00:00.000Z"));
  });

  it("is self-signed with the given names and a PKCS#8 key of the requested size", () => {
    const x509 = new X509Certificate(ca.certificatePem);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(inspectCertificate(ca.certificatePem).subject).toBe("CN=Lab CA,O=Lab");
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(certificateMatchesKey(ca.certificatePem, ca.privateKeyPem)).toBe(true);
  });

  it("defaults to a 3072-bit key, ten years and the virtshield names", async () => {
    const defaults = await generateCa({ now });
    const info = inspectCertificate(defaults.certificatePem);
    expect(info.subject).toBe("CN=virtshield CA,O=virtshield");
    expect(info.notAfter).toEqual(new Date(Math.floor(now.getTime() / 1000) * 1000 + 3650 * 86_400_000));
    const bits = new X509Certificate(defaults.certificatePem).publicKey.asymmetricKeyDetails?.modulusLength;
    expect(bits).toBe(3072);
  });

  it.each([
    [{ keyBits: 1024 }, /Key size/],
    [{ validityDays: 0 }, /Validity/],
    [{ validityDays: 1.5 }, /Validity/],
    [{ commonName: "bad*name" }, /common name/],
    [{ organization: "" }, /Organization/],
    [{ now: new Date("nonsense") }, /current time/],
  ])("refuses %o", async (override, message) => {
    const attempt = generateCa({ now, ...override });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
  });
});
