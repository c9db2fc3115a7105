import type { Guest } from "@/lib/core/migrate/domains-job";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const size = (b: number | null) => (b === null ? "?" : b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`);

// A host's guests with their disks: the host page's Guests card and the migration form.
export function GuestsTable({ guests, destName }: { guests: Guest[]; destName?: string }) {
  if (guests.length === 0) return <p className="text-sm text-slate-500">No guests defined on this host.</p>;
  return (
    <Table label="Guests">
      <thead><tr><Th>Guest</Th><Th>State</Th><Th>Memory</Th><Th>vCPUs</Th><Th>Disks{destName ? ` (as seen from ${destName})` : ""}</Th></tr></thead>
      <tbody>
        {guests.map((g) => (
          <Tr key={g.name}>
            <Td className="font-medium">{g.name}{g.persistent ? "" : " (transient)"}</Td>
            <Td><Badge tone={g.state === "running" ? "green" : "gray"}>{g.state}</Badge></Td>
            <Td>{Math.round(g.memoryKiB / 1024)} MiB</Td>
            <Td>{g.vcpus}</Td>
            <Td>
              {g.disks.length === 0 ? "—" : (
                <ul className="space-y-0.5">
                  {g.disks.map((d) => (
                    <li key={d.target} className="flex flex-wrap items-center gap-1.5 text-xs">
                      <span className="font-mono break-all">{d.path}</span>
                      <span className="text-slate-500">{d.format ?? "?"}, {size(d.virtualSize)} ({size(d.actualSize)} used)</span>
                      <Badge tone={d.placement === "shared" ? "blue" : "yellow"} title={d.why}>{d.placement === "shared" ? "shared" : "must be copied"}</Badge>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
