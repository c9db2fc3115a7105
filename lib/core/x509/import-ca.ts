import { assertCaCurrent, loadCa } from "./load-ca";
import { privateKeyToPem, toPem } from "./pem";
import { assertNow } from "./validity";
import type { CaMaterial } from "./types";

export interface ImportCaInput extends CaMaterial {
  now: Date;
}

/**
 * Validates a bring-your-own CA and returns it in storage form (certificate re-encoded as one
 * PEM block, key as unencrypted PKCS#8). Refusals are DomainError VALIDATION with a clear reason.
 */
export function importCa(input: ImportCaInput): CaMaterial {
  const now = assertNow(input.now);
  const ca = loadCa(input);
  assertCaCurrent(ca, now, "VALIDATION");
  return {
    certificatePem: toPem("CERTIFICATE", ca.certificate.raw),
    privateKeyPem: privateKeyToPem(ca.privateKey),
  };
}
