import crypto from "node:crypto";
import { utils } from "ssh2";
import { encodeOpenSshEd25519 } from "./openssh-ed25519";
import { DomainError } from "@/lib/core/errors";
import { keyTypeOfBlob, sha256Fingerprint } from "./fingerprint";

export interface SshKeyPair {
  /** OpenSSH-format private key ("-----BEGIN OPENSSH PRIVATE KEY-----"). */
  privateKey: string;
  /** authorized_keys line: "ssh-ed25519 AAAA... <comment>". */
  publicKey: string;
}

const COMMENT = /^[A-Za-z0-9_.@:+-]{1,64}$/;

export function generateSshKeyPair(comment = "virtshield"): SshKeyPair {
  if (!COMMENT.test(comment)) {
    throw new DomainError("VALIDATION", "Key comment may only hold letters, digits and _.@:+- (max 64)");
  }
  return encodeOpenSshEd25519(crypto.generateKeyPairSync("ed25519").privateKey, comment);
}

// Accepts an authorized_keys style line ("type base64 [comment]").
export function fingerprintOfPublicKey(publicKeyLine: string): string {
  const [type, b64] = publicKeyLine.trim().split(/\s+/);
  if (!type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new DomainError("VALIDATION", "Not an OpenSSH public key line");
  }
  const blob = Buffer.from(b64, "base64");
  if (keyTypeOfBlob(blob) !== type) {
    throw new DomainError("VALIDATION", "Public key type does not match its content");
  }
  return sha256Fingerprint(blob);
}

// The public key line that belongs to a stored private key (to show it again without regenerating).
export function publicKeyOfPrivateKey(privateKey: string, comment = "virtshield"): string {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    throw new DomainError("VALIDATION", "SSH private key is not valid", { cause: parsed });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return `${key.type} ${key.getPublicSSH().toString("base64")} ${comment}`;
}
