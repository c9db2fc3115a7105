import Link from "next/link";
import type { JobRow } from "@/lib/core/jobs/list-jobs";
import { JobStateBadge } from "@/components/job-state-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";
import { formatTime } from "@/components/format";

const tone = (state: string) => (state === "failed" || state === "interrupted" ? "red" : state === "succeeded" ? "green" : "blue");

export function JobsTable({ jobs, empty }: { jobs: JobRow[]; empty: string }) {
  if (jobs.length === 0) return <EmptyState title="No jobs">{empty}</EmptyState>;
  return (
    <Table label="Jobs">
      <thead>
        <tr><Th>Job</Th><Th>Host</Th><Th>State</Th><Th className="w-32">Progress</Th><Th>By</Th><Th>Started</Th></tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <Tr key={j.id}>
            <Td>
              <Link href={`/jobs/${j.id}`} className="font-medium text-sky-700 hover:underline">{j.kind}</Link>
              {j.childCount > 0 && <span className="ml-1 text-xs text-slate-500">({j.childCount} sub-jobs)</span>}
            </Td>
            <Td>{j.hostId && j.hostName ? <Link href={`/hosts/${j.hostId}`} className="hover:underline">{j.hostName}</Link> : "—"}</Td>
            <Td><JobStateBadge state={j.state} />{j.error && <div className="mt-0.5 max-w-xs truncate text-xs text-red-700" title={j.error}>{j.error}</div>}</Td>
            <Td><ProgressBar value={j.progress} label={`Progress of ${j.kind} job`} tone={tone(j.state)} /></Td>
            <Td className="text-slate-600">{j.createdBy ?? "—"}</Td>
            <Td className="whitespace-nowrap text-slate-600">{formatTime(j.createdAt)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
