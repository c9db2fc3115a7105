import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { isSha256Fingerprint, keyTypeOfBlob, sha256Fingerprint } from "./fingerprint";
import { fingerprintOfPublicKey, generateSshKeyPair, publicKeyOfPrivateKey } from "./keypair";
import { ed25519Raw, encodeOpenSshEd25519 } from "./openssh-ed25519";

function keygen(args: string[], file: string, content: string): string {
  writeFileSync(file, content, { mode: 0o600 });
  return execFileSync("ssh-keygen", [...args, file], { encoding: "utf8" });
}

describe("generateSshKeyPair", () => {
  it("makes an ed25519 OpenSSH pair that ssh-keygen accepts, with the same fingerprint", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vs-key-"));
    try {
      const pair = generateSshKeyPair();
      expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
      expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]+=* virtshield$/);
      // ssh-keygen -y derives the public key from our private key: they must agree.
      const derived = keygen(["-y", "-f"], path.join(dir, "id"), pair.privateKey).trim().split(" ").slice(0, 2).join(" ");
      expect(pair.publicKey.startsWith(derived)).toBe(true);
      const printed = keygen(["-lf"], path.join(dir, "id.pub"), pair.publicKey + "\n").split(" ")[1];
      expect(fingerprintOfPublicKey(pair.publicKey)).toBe(printed);
      expect(isSha256Fingerprint(printed)).toBe(true);
      expect(publicKeyOfPrivateKey(pair.privateKey)).toBe(pair.publicKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes keys whose public half starts with a zero byte correctly (ssh2's generator did not)", () => {
    let key = crypto.generateKeyPairSync("ed25519").privateKey;
    while (ed25519Raw(key).pub[0] !== 0) key = crypto.generateKeyPairSync("ed25519").privateKey;
    const pair = encodeOpenSshEd25519(key, "virtshield");
    const dir = mkdtempSync(path.join(tmpdir(), "vs-key-"));
    try {
      const derived = keygen(["-y", "-f"], path.join(dir, "id"), pair.privateKey).trim().split(" ").slice(0, 2).join(" ");
      expect(pair.publicKey.startsWith(derived + " ")).toBe(true);
      expect(publicKeyOfPrivateKey(pair.privateKey)).toBe(pair.publicKey);
      const signed = crypto.sign(null, Buffer.from("x"), key);
      expect(crypto.verify(null, Buffer.from("x"), crypto.createPublicKey(key), signed)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uses the given comment and refuses hostile ones", () => {
    expect(generateSshKeyPair("ops@site-1").publicKey.endsWith(" ops@site-1")).toBe(true);
    expect(() => generateSshKeyPair("a b\nssh-rsa evil")).toThrow(DomainError);
  });

  it("gives different keys each time", () => {
    expect(generateSshKeyPair().publicKey).not.toBe(generateSshKeyPair().publicKey);
  });
});

describe("fingerprints", () => {
  it("matches ssh-keygen for a key made by ssh-keygen", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vs-key-"));
    try {
      const file = path.join(dir, "k");
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file]);
      const pub = execFileSync("cat", [file + ".pub"], { encoding: "utf8" });
      const printed = execFileSync("ssh-keygen", ["-lf", file + ".pub"], { encoding: "utf8" }).split(" ")[1];
      expect(fingerprintOfPublicKey(pub)).toBe(printed);
      const blob = Buffer.from(pub.split(" ")[1], "base64");
      expect(sha256Fingerprint(blob)).toBe(printed);
      expect(keyTypeOfBlob(blob)).toBe("ssh-ed25519");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses malformed public keys", () => {
    expect(() => fingerprintOfPublicKey("not a key")).toThrow(DomainError);
    expect(() => fingerprintOfPublicKey("ssh-rsa " + Buffer.from("\0\0\0\x0bssh-ed25519xxxx").toString("base64"))).toThrow(
      DomainError,
    );
    expect(() => keyTypeOfBlob(Buffer.from([0, 0]))).toThrow(DomainError);
    expect(isSha256Fingerprint("SHA256:short")).toBe(false);
  });
});
