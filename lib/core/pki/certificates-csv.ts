import { toCsv } from "@/lib/core/inventory/csv";
import type { CertificateView } from "@/lib/core/pki/certificate-rows";

const HEADER = ["host", "kind", "source", "path", "serial", "sha256", "subject", "sans", "notBefore", "notAfter", "daysLeft", "band", "revokedAt"];

const line = (c: CertificateView) => [
  c.hostName ?? "", c.kind, c.source, c.path ?? "", c.serial, c.fingerprintSha256, c.subject, c.sans.join(" "),
  c.notBefore, c.notAfter, c.daysLeft, c.band, c.revokedAt ?? "",
];

export function certificatesCsv(certs: CertificateView[]): string {
  return toCsv([HEADER, ...certs.map(line)]);
}

// The same file from batches of rows (see everyPage), so an export never holds every certificate.
export async function* certificatesCsvChunks(batches: AsyncIterable<CertificateView[]>): AsyncGenerator<string> {
  yield toCsv([HEADER]);
  for await (const certs of batches) if (certs.length) yield toCsv(certs.map(line));
}
