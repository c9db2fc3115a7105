import Link from "next/link";
import type { MigrationView } from "@/lib/core/migrate/migration-store";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatTime } from "@/components/format";

const OUTCOME: Record<string, Tone> = { succeeded: "green", failed: "red", aborted: "yellow" };
const TRANSPORT: Record<string, Tone> = { tls: "green", plain: "red", unproven: "yellow" };
const mib = (b: number | null) => (b === null ? "—" : `${(b / 1024 ** 2).toFixed(1)} MiB`);
const speed = (b: number | null) => (b === null ? "—" : `${(b / 1024 ** 2).toFixed(1)} MiB/s`);

function flags(m: MigrationView): string {
  const f = m.flags;
  return [f.tls && "--tls", f.copyStorage && "--copy-storage-all", f.persistent && "--persistent --undefinesource", f.parallelConnections && `--parallel ×${f.parallelConnections}`, f.migrateUri && `--migrateuri ${f.migrateUri}`].filter(Boolean).join(" ");
}

// Every migration: who, what, where, how it travelled (with the QEMU evidence), and how it went.
export function HistoryTable({ rows }: { rows: MigrationView[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No migrations yet.</p>;
  return (
    <Table label="Migration history">
      <thead><tr><Th>Started</Th><Th>Guest</Th><Th>From → to</Th><Th>Transport</Th><Th>Outcome</Th><Th>Duration</Th><Th>Data</Th><Th>Who</Th></tr></thead>
      <tbody>
        {rows.map((m) => (
          <Tr key={m.id}>
            <Td className="whitespace-nowrap"><Link href={`/jobs/${m.jobId}`} className="text-sky-700 hover:underline">{formatTime(m.startedAt)}</Link></Td>
            <Td className="font-medium">{m.domain}</Td>
            <Td className="whitespace-nowrap">{m.source.name} → {m.dest.name}</Td>
            <Td>
              <Badge tone={TRANSPORT[m.transport]}>{m.transport}</Badge>
              {m.tlsEvidence?.tlsCreds ? <div className="mt-0.5 font-mono text-xs text-slate-500">tls-creds {m.tlsEvidence.tlsCreds}, tls-hostname {m.tlsEvidence.tlsHostname || "—"}</div> : null}
              <div className="mt-0.5 font-mono text-xs text-slate-400">{flags(m)}</div>
            </Td>
            <Td>
              {m.outcome ? <Badge tone={OUTCOME[m.outcome]}>{m.outcome}</Badge> : <Badge tone="blue">running</Badge>}
              {m.error && <div className="mt-1 max-w-md text-xs break-words text-red-800">{m.error}</div>}
              {m.explanation && <div className="mt-0.5 max-w-md text-xs text-slate-600">{m.explanation}</div>}
            </Td>
            <Td className="whitespace-nowrap">{m.durationMs === null ? "—" : `${(m.durationMs / 1000).toFixed(1)} s`}{m.downtimeMs !== null ? <div className="text-xs text-slate-500">downtime {m.downtimeMs} ms</div> : null}</Td>
            <Td className="whitespace-nowrap">{mib(m.bytes)}<div className="text-xs text-slate-500">avg {speed(m.avgSpeed)}, peak {speed(m.peakSpeed)}</div></Td>
            <Td>{m.createdBy}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
