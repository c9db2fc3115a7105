// node-forge has no CRL builder: the TBSCertList (RFC 5280 §5.1) is assembled with forge.asn1.
import forge from "node-forge";
import { DomainError } from "@/lib/core/errors";
import { algorithmIdentifier, signToDer } from "./build-certificate";
import { toDerBuffer, type Asn1 } from "./der";
import { OID } from "./extensions";
import { assertCaCurrent, loadCa } from "./load-ca";
import { toPem } from "./pem";
import { normaliseSerial } from "./serial";
import { assertNow, assertValidityDays, CLOCK_SKEW_MS } from "./validity";
import type { CaMaterial, RevokedEntry } from "./types";

const { asn1 } = forge;
const { Class, Type } = asn1;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreateCrlInput {
  ca: CaMaterial;
  revoked: RevokedEntry[];
  now: Date;
  nextUpdateDays?: number;
  /** Monotonic per CA (cRLNumber); the caller persists it. */
  crlNumber: number | bigint;
}

const seq = (items: Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const octets = (value: Buffer) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, value.toString("binary"));
const oid = (dotted: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());

/** Minimal two's-complement DER INTEGER for a non-negative value given as hex. */
function integerFromHex(hex: string): Asn1 {
  let raw = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  while (raw.length > 1 && raw[0] === 0 && raw[1] < 0x80) raw = raw.subarray(1);
  if (raw[0] >= 0x80) raw = Buffer.concat([Buffer.from([0]), raw]);
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, raw.toString("binary"));
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §5.1.2.4). */
function time(date: Date): Asn1 {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return whole.getUTCFullYear() < 2050
    ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(whole))
    : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(whole));
}

function extension(id: string, value: Asn1): Asn1 {
  return seq([oid(id), octets(toDerBuffer(value))]);
}

function revokedList(revoked: RevokedEntry[]): Asn1 | null {
  if (!Array.isArray(revoked)) throw new DomainError("VALIDATION", "revoked must be an array.");
  const bySerial = new Map<string, Date>();
  for (const entry of revoked) {
    const serial = typeof entry?.serial === "string" ? normaliseSerial(entry.serial) : null;
    if (!serial) throw new DomainError("VALIDATION", `Revoked serial "${String(entry?.serial)}" is not hexadecimal.`);
    if (!(entry.revokedAt instanceof Date) || Number.isNaN(entry.revokedAt.getTime())) {
      throw new DomainError("VALIDATION", `Revocation time of serial ${serial} is not a valid date.`);
    }
    bySerial.set(serial, entry.revokedAt);
  }
  // RFC 5280: an empty revokedCertificates list must be omitted, not encoded empty.
  if (bySerial.size === 0) return null;
  return seq([...bySerial].map(([serial, at]) => seq([integerFromHex(serial), time(at)])));
}

function crlNumberHex(crlNumber: number | bigint): string {
  const ok = typeof crlNumber === "bigint" ? crlNumber >= 0n : Number.isSafeInteger(crlNumber) && crlNumber >= 0;
  if (!ok) throw new DomainError("VALIDATION", "crlNumber must be a non-negative integer.");
  return BigInt(crlNumber).toString(16);
}

/**
 * A v2 CRL signed by the CA, for /etc/pki/CA/cacrl.pem and QEMU's ca-crl.pem. thisUpdate is
 * backdated by the clock-skew allowance: GnuTLS rejects a CRL "issued in the future", and then
 * every TLS connection of that host fails. Publish a new CRL before nextUpdate for the same reason.
 */
export function createCrl(input: CreateCrlInput): string {
  const { nextUpdateDays = 30 } = input;
  const now = assertNow(input.now);
  assertValidityDays(nextUpdateDays, 366);
  const ca = loadCa(input.ca);
  assertCaCurrent(ca, now, "PRECONDITION_FAILED");
  const number = crlNumberHex(input.crlNumber);
  const revoked = revokedList(input.revoked);

  const authorityKeyId = seq([asn1.create(Class.CONTEXT_SPECIFIC, 0, false, ca.keyId.toString("binary"))]);
  const extensions = asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [
    seq([extension(OID.authorityKeyIdentifier, authorityKeyId), extension(OID.cRLNumber, integerFromHex(number))]),
  ]);
  const tbs = seq([
    integerFromHex("01"), // v2
    algorithmIdentifier(),
    ca.parts.subject,
    time(new Date(now.getTime() - CLOCK_SKEW_MS)),
    time(new Date(now.getTime() + nextUpdateDays * DAY_MS)),
    ...(revoked ? [revoked] : []),
    extensions,
  ]);
  return toPem("X509 CRL", signToDer(tbs, ca.privateKey));
}
