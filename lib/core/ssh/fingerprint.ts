import { createHash } from "node:crypto";
import { DomainError } from "@/lib/core/errors";

// Same text as `ssh-keygen -lf`: SHA-256 of the SSH wire-format key blob, base64 without padding.
export function sha256Fingerprint(hostKeyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(hostKeyBlob).digest("base64").replace(/=+$/, "");
}

// The key type is the first length-prefixed string of the wire-format blob ("ssh-ed25519", ...).
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) throw new DomainError("VALIDATION", "SSH key blob is too short");
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) {
    throw new DomainError("VALIDATION", "SSH key blob is malformed");
  }
  return blob.subarray(4, 4 + len).toString("latin1");
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function isSha256Fingerprint(s: string): boolean {
  return FINGERPRINT.test(s);
}
