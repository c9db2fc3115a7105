import { assertKeyBits, generateRsaKeyPair } from "./key-pair";
import { buildCertificate } from "./build-certificate";
import { assertNameValue } from "./names";
import { privateKeyToPem } from "./pem";
import { randomSerialHex } from "./serial";
import { assertNow, assertValidityDays, validityWindow } from "./validity";
import type { CaMaterial } from "./types";

export interface GenerateCaInput {
  commonName?: string;
  organization?: string;
  validityDays?: number;
  keyBits?: number;
  now: Date;
}

/** A self-signed RSA CA that libvirt's sanity check accepts (CA:TRUE and keyCertSign, both critical). */
export async function generateCa(input: GenerateCaInput): Promise<CaMaterial> {
  const { commonName = "virtshield CA", organization = "virtshield", validityDays = 3650, keyBits = 3072 } = input;
  const now = assertNow(input.now);
  assertNameValue(commonName, "CA common name");
  assertNameValue(organization, "Organization");
  assertValidityDays(validityDays, 36500);
  assertKeyBits(keyBits);

  const { privateKey, publicKey } = await generateRsaKeyPair(keyBits);
  const certificatePem = buildCertificate({
    serialHex: randomSerialHex(),
    subject: [
      { shortName: "CN", value: commonName },
      { shortName: "O", value: organization },
    ],
    ...validityWindow(now, validityDays),
    publicKey,
    signingKey: privateKey,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
      { name: "subjectKeyIdentifier" },
      // Self-signed: forge's keyIdentifier:true hashes this certificate's own key, which is right here only.
      { name: "authorityKeyIdentifier", keyIdentifier: true },
    ],
  });
  return { certificatePem, privateKeyPem: privateKeyToPem(privateKey) };
}
