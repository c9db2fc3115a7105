import Link from "next/link";
import type { CertificateView } from "@/lib/core/pki/certificate-rows";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { CertBandBadge } from "@/components/cert-band-badge";
import { SortTh, type SortState } from "@/components/sort-header";
import { formatTime } from "@/components/format";

export type CertSortKey = "host" | "kind" | "days" | "notAfter";
export type CertSort = SortState<CertSortKey>;

function short(value: string, n: number) {
  return value.length > n ? `${value.slice(0, n)}…` : value;
}

// Certificates with their expiry band; public facts only (the PEM itself is not rendered here).
export function CertTable({ certs, label, sort, showHost = true }: { certs: CertificateView[]; label: string; sort?: CertSort; showHost?: boolean }) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          {showHost && <SortTh label="Host" k="host" sort={sort} />}
          <SortTh label="Kind" k="kind" sort={sort} />
          <Th>Source</Th>
          <Th>Serial / SHA-256</Th>
          <Th>Subject</Th>
          <Th>SANs</Th>
          <SortTh label="Not after" k="notAfter" sort={sort} />
          <SortTh label="Days left" k="days" sort={sort} />
          <Th>Band</Th>
        </tr>
      </thead>
      <tbody>
        {certs.map((c) => (
          <Tr key={`${c.kind}-${c.id}`}>
            {showHost && (
              <Td className="whitespace-nowrap">{c.hostId ? <Link href={`/hosts/${c.hostId}`} className="font-medium text-sky-700 hover:underline">{c.hostName}</Link> : c.kind === "ca" ? <Link href="/ca" className="text-sky-700 hover:underline">CA</Link> : <span className="text-slate-500">{c.hostName}</span>}</Td>
            )}
            <Td>{c.kind}</Td>
            <Td title={c.path ?? undefined}>{c.source}{!c.current && !c.revokedAt ? <div className="text-xs text-slate-500">superseded</div> : null}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">
              <div title={c.serial}>{short(c.serial, 12)}</div>
              <div title={c.fingerprintSha256} className="text-slate-500">{short(c.fingerprintSha256, 17)}</div>
            </Td>
            <Td className="max-w-44 text-xs break-words">{c.subject}</Td>
            <Td className="max-w-52 text-xs break-words">{c.sans.length ? c.sans.join(", ") : "—"}</Td>
            <Td className="text-xs whitespace-nowrap" title={formatTime(c.notAfter)}>{c.notAfter.slice(0, 10)}</Td>
            <Td className="text-right tabular-nums">{c.daysLeft}</Td>
            <Td><CertBandBadge band={c.band} revokedAt={c.revokedAt} /></Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
