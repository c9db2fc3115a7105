import crypto, { type KeyObject } from "node:crypto";

// OpenSSH's own key format (PROTOCOL.key), written here because ssh2's generator drops a leading
// zero byte of the public key: about one key in 256 came out unreadable by OpenSSH.

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

// Raw 32-byte halves of an Ed25519 key; JWK gives them at full width, leading zeros included.
export function ed25519Raw(privateKey: KeyObject): { seed: Buffer; pub: Buffer } {
  const jwk = privateKey.export({ format: "jwk" });
  if (jwk.crv !== "Ed25519" || !jwk.d || !jwk.x) throw new Error("not an Ed25519 private key");
  return { seed: Buffer.from(jwk.d, "base64url"), pub: Buffer.from(jwk.x, "base64url") };
}

export function ed25519PublicBlob(pub: Buffer): Buffer {
  return Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
}

export function encodeOpenSshEd25519(privateKey: KeyObject, comment: string): { privateKey: string; publicKey: string } {
  const { seed, pub } = ed25519Raw(privateKey);
  const blob = ed25519PublicBlob(pub);
  const check = crypto.randomBytes(4);
  let section = Buffer.concat([check, check, sshString("ssh-ed25519"), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([Buffer.from("openssh-key-v1\0"), sshString("none"), sshString("none"), sshString(""), count, sshString(blob), sshString(section)]);
  const lines = body.toString("base64").match(/.{1,70}/g)!.join("\n");
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${blob.toString("base64")} ${comment}`,
  };
}
