import Link from "next/link";
import type { JobChildView } from "@/lib/core/jobs/job-store";
import { JobStateBadge } from "@/components/job-state-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, Td, Th, Tr } from "@/components/ui/table";

export function JobChildren({ jobs }: { jobs: JobChildView[] }) {
  return (
    <Table label="Sub-jobs">
      <thead>
        <tr><Th>Job</Th><Th>Host</Th><Th>State</Th><Th className="w-40">Progress</Th></tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <Tr key={j.id}>
            <Td><Link href={`/jobs/${j.id}`} className="font-medium text-sky-700 hover:underline">{j.kind}</Link></Td>
            <Td>{j.hostId ? <Link href={`/hosts/${j.hostId}`} className="hover:underline">{j.hostName ?? j.hostId}</Link> : "—"}</Td>
            <Td><JobStateBadge state={j.state} />{j.error && <div className="mt-0.5 max-w-md truncate text-xs text-red-700" title={j.error}>{j.error}</div>}</Td>
            <Td><ProgressBar value={j.progress} label={`Progress of ${j.kind} on ${j.hostName ?? "host"}`} tone={j.state === "failed" ? "red" : j.state === "succeeded" ? "green" : "blue"} /></Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
