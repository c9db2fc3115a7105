import type { AuditEntry } from "@/lib/core/audit/list-audit";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatTime } from "@/components/format";
import { SortTh, type SortState } from "@/components/sort-header";

export type AuditSortKey = "at" | "actor" | "action" | "result";

function detailText(detail: Record<string, unknown>): string {
  const text = Object.keys(detail).length ? JSON.stringify(detail) : "";
  return text.length > 160 ? text.slice(0, 157) + "…" : text;
}

// `sort` makes the headers sort links (the audit page); `filtered` changes what an empty list says.
export function AuditTable({ entries, sort, filtered = false }: { entries: AuditEntry[]; sort?: SortState<AuditSortKey>; filtered?: boolean }) {
  if (entries.length === 0) {
    return filtered
      ? <EmptyState title="No entry matches this filter">Clear the filter to see every entry.</EmptyState>
      : <EmptyState title="Nothing recorded yet">Every change and every refused attempt will be listed here.</EmptyState>;
  }
  return (
    <Table label="Audit log">
      <thead>
        <tr>
          <SortTh label="When" k="at" sort={sort} />
          <SortTh label="Who" k="actor" sort={sort} />
          <SortTh label="What" k="action" sort={sort} />
          <Th>Target</Th>
          <SortTh label="Result" k="result" sort={sort} />
          <Th>Detail</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap text-slate-600">{formatTime(e.at)}</Td>
            <Td>{e.actor.name}</Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td className="text-xs text-slate-600">{e.target.type ? `${e.target.type} ${e.target.id ?? ""}` : "—"}</Td>
            <Td><Badge tone={e.result === "ok" ? "green" : e.result === "refused" ? "yellow" : "red"}>{e.result}</Badge></Td>
            <Td className="max-w-md truncate font-mono text-xs text-slate-500" title={JSON.stringify(e.detail)}>{detailText(e.detail)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
