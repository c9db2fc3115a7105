import crypto from "node:crypto";
import { DomainError } from "@/lib/core/errors";

// AES-256-GCM boxes for secrets at rest: "v1:" + base64(iv[12] | tag[16] | ciphertext).
const VERSION = "v1:";

export function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new DomainError("INTERNAL", "The secret key must be 32 bytes");
}

export function seal(plaintext: string, key: Buffer): string {
  assertKey(key);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function open(box: string, key: Buffer): string {
  assertKey(key);
  if (!box.startsWith(VERSION)) throw new DomainError("INTERNAL", "Unknown secret format");
  const raw = Buffer.from(box.slice(VERSION.length), "base64");
  if (raw.length < 28) throw new DomainError("INTERNAL", "Secret is truncated");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new DomainError("INTERNAL", "A stored secret could not be decrypted (wrong VIRTSHIELD_SECRET_KEY?)", { cause });
  }
}

export interface SecretBox {
  seal(plaintext: string): string;
  open(box: string): string;
}

export function secretBox(key: Buffer): SecretBox {
  assertKey(key);
  return { seal: (p) => seal(p, key), open: (b) => open(b, key) };
}
