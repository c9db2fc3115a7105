import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal, secretBox } from "./secret-box";

const key = crypto.randomBytes(32);

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const secret = "-----BEGIN PRIVATE KEY-----\nabc\n";
    const box = seal(secret, key);
    expect(box.startsWith("v1:")).toBe(true);
    expect(box).not.toContain("PRIVATE KEY");
    expect(Buffer.from(box.slice(3), "base64").toString("latin1")).not.toContain("PRIVATE");
    expect(open(box, key)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("refuses a tampered box and a wrong key", () => {
    const box = seal("hello", key);
    const raw = Buffer.from(box.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => open("v1:" + raw.toString("base64"), key)).toThrow(/could not be decrypted/);
    expect(() => open(box, crypto.randomBytes(32))).toThrow(/could not be decrypted/);
  });

  it("refuses keys of the wrong size", () => {
    expect(() => secretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
