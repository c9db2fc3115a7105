import { toCsv } from "@/lib/core/inventory/csv";
import type { CertificateView } from "@/lib/core/pki/certificate-rows";

export function certificatesCsv(certs: CertificateView[]): string {
  return toCsv([
    ["host", "kind", "source", "path", "serial", "sha256", "subject", "sans", "notBefore", "notAfter", "daysLeft", "band", "revokedAt"],
    ...certs.map((c) => [
      c.hostName ?? "", c.kind, c.source, c.path ?? "", c.serial, c.fingerprintSha256, c.subject, c.sans.join(" "),
      c.notBefore, c.notAfter, c.daysLeft, c.band, c.revokedAt ?? "",
    ]),
  ]);
}
