import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { DomainError } from "@/lib/core/errors";

const generate = promisify(generateKeyPair);

export const ALLOWED_KEY_BITS = [2048, 3072, 4096] as const;

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function assertKeyBits(keyBits: number): void {
  if (!(ALLOWED_KEY_BITS as readonly number[]).includes(keyBits)) {
    throw new DomainError("VALIDATION", `Key size must be one of ${ALLOWED_KEY_BITS.join(", ")} bits.`);
  }
}

/**
 * Node's native RSA keygen on the libuv thread pool: forge's pure-JS keygen is far slower, and
 * the async form keeps the server's event loop free while several hosts are issued at once.
 */
export async function generateRsaKeyPair(keyBits: number): Promise<RsaKeyPair> {
  assertKeyBits(keyBits);
  return generate("rsa", { modulusLength: keyBits, publicExponent: 0x10001 });
}
