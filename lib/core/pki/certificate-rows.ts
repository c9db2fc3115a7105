import type { Db } from "@/lib/core/context";
import type { CERTIFICATE_KINDS, CERTIFICATE_SOURCES } from "@/lib/core/pki/certificate-enums";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { daysLeft, expiryBand, inspectCertificate, type ExpiryBand } from "@/lib/core/x509";

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export type CertificateSource = (typeof CERTIFICATE_SOURCES)[number];

export interface CertificateView {
  id: string;
  hostId: string | null;
  /** null for the CA itself; "hv1 (deleted)" once the host is gone. */
  hostName: string | null;
  kind: CertificateKind;
  source: CertificateSource;
  path: string | null;
  serial: string;
  fingerprintSha256: string;
  subject: string;
  issuer: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  band: ExpiryBand;
  current: boolean;
  revokedAt: string | null;
  certificatePem: string;
}

// Columns of a Certificate row derived from its PEM, so stored facts never disagree with the certificate.
export function certificateColumns(certificatePem: string) {
  const info = inspectCertificate(certificatePem);
  return {
    serial: info.serial,
    fingerprintSha256: info.fingerprintSha256,
    subject: info.subject,
    issuer: info.issuer,
    sans: JSON.stringify([...info.dnsNames.map((d) => `DNS:${d}`), ...info.ips.map((i) => `IP:${i}`)]),
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    certificatePem,
  };
}

export interface CertificateFilter {
  hostId?: string;
  kind?: CertificateKind;
  source?: CertificateSource;
  band?: ExpiryBand;
  /** Part of a host name, case-insensitive. */
  hostText?: string;
  includeHistory?: boolean;
  /** Only certificates in force that end before this (the overview's "expiring soon"). */
  expiringBefore?: Date;
}

// The host's name as it is now, or as it was when the certificate was made once the host is
// deleted: "hv1 (deleted)" tells it apart from a new host that took the same name.
function hostLabel(r: { hostId: string | null; hostName: string; host: { name: string } | null }): string {
  if (r.host) return r.host.name;
  return `${r.hostName || "unknown host"} (deleted)`;
}

// Every certificate in the fleet (the CA, issued and scanned), soonest expiry first.
export async function listCertificates(db: Db, now: Date, filter: CertificateFilter = {}): Promise<CertificateView[]> {
  const rows = await db.certificate.findMany({
    where: {
      hostId: filter.hostId, kind: filter.kind, source: filter.source, current: filter.includeHistory ? undefined : true,
      ...(filter.expiringBefore ? { notAfter: { lt: filter.expiringBefore }, revokedAt: null } : {}),
    },
    orderBy: { notAfter: "asc" },
    include: certificateViewInclude,
  });
  const views = rows.map((r) => certificateView(r, now));
  const ca = (filter.hostId || (filter.kind && filter.kind !== "ca") || filter.source === "scanned" ? [] : await caRow(db, now))
    .filter((c) => !filter.expiringBefore || Date.parse(c.notAfter) < filter.expiringBefore.getTime());
  const text = filter.hostText?.toLowerCase();
  return [...ca, ...views]
    .filter((v) => (!filter.band || v.band === filter.band) && (!text || (v.hostName ?? "").toLowerCase().includes(text)))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

export const certificateViewInclude = { host: { select: { name: true } } } as const;

type CertificateRow = {
  id: string; hostId: string | null; hostName: string; host: { name: string } | null; kind: string; source: string; path: string | null;
  serial: string; fingerprintSha256: string; subject: string; issuer: string; sans: string; notBefore: Date; notAfter: Date;
  current: boolean; revokedAt: Date | null; certificatePem: string;
};

// A Certificate row (with `certificateViewInclude`) as the API and pages see it on `now`.
export function certificateView(r: CertificateRow, now: Date): CertificateView {
  const days = daysLeft(r.notAfter, now);
  return {
    id: r.id, hostId: r.hostId, hostName: hostLabel(r), kind: r.kind as CertificateKind, source: r.source as CertificateSource,
    path: r.path, serial: r.serial, fingerprintSha256: r.fingerprintSha256, subject: r.subject, issuer: r.issuer,
    sans: JSON.parse(r.sans) as string[], notBefore: r.notBefore.toISOString(), notAfter: r.notAfter.toISOString(),
    daysLeft: days, band: r.revokedAt ? "expired" : expiryBand(days), current: r.current, revokedAt: r.revokedAt?.toISOString() ?? null,
    certificatePem: r.certificatePem,
  };
}

// The active CA as a row of the list (it lives in its own table), or nothing.
export async function caRow(db: Db, now: Date): Promise<CertificateView[]> {
  const ca = await getActiveCa(db);
  if (!ca) return [];
  const days = daysLeft(new Date(ca.notAfter), now);
  return [{
    id: ca.id, hostId: null, hostName: null, kind: "ca", source: "issued", path: null, serial: ca.serial,
    fingerprintSha256: ca.fingerprintSha256, subject: ca.subject, issuer: ca.subject, sans: [], notBefore: ca.notBefore,
    notAfter: ca.notAfter, daysLeft: days, band: expiryBand(days), current: true, revokedAt: null, certificatePem: ca.certificatePem,
  }];
}
