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

/** Normalises "0a:1B:…" or "0A1B…" to uppercase hex without colons; null if not hex. */
export function normaliseSerial(serial: string): string | null {
  const hex = serial.replace(/:/g, "").toUpperCase();
  return /^[0-9A-F]+$/.test(hex) && hex.length <= 40 ? hex : null;
}
