import { randomBytes } from "node:crypto";

/**
 * 16 random bytes as uppercase hex. The first byte is 0x01..0x7f: below 0x80 keeps the DER
 * INTEGER positive, non-zero keeps the encoding minimal (a leading 00 byte would be invalid DER).
 */
export function randomSerialHex(): string {
  const raw = randomBytes(16);
  raw[0] = raw[0] & 0x7f || 0x01;
  return raw.toString("hex").toUpperCase();
}

/**
 * Normalises "0a:1B:…" or "000A1B…" to the form openssl and Node print: uppercase hex, no colons,
 * no redundant leading zeros, even length. Null if not hex or longer than RFC 5280's 20 octets.
 */
export function normaliseSerial(serial: string): string | null {
  const hex = serial.replace(/:/g, "").toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) return null;
  const trimmed = hex.replace(/^0+(?=.)/, "");
  const even = trimmed.length % 2 ? `0${trimmed}` : trimmed;
  return even.length <= 42 ? even : null;
}
