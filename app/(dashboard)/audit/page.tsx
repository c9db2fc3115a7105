import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { z } from "zod";
import { listAudit } from "@/lib/core/audit/list-audit";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { AuditTable } from "@/components/audit-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const RESULTS = ["ok", "refused", "failed"] as const;
const Query = z.object({ result: z.enum(RESULTS).optional().catch(undefined) });

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor("read");
  const { result } = Query.parse(await searchParams);
  const entries = await listAudit(db(), { limit: 500, result });
  const tab = (r: string | undefined, label: string) => (
    <Link
      key={label}
      href={r ? `/audit?result=${r}` : "/audit"}
      aria-current={result === r ? "page" : undefined}
      className={clsx("rounded-md px-2.5 py-1 text-sm", result === r ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-5">
      <PageHeader title="Audit log" description="Every change and every refused attempt: who, what, target, result, when." />
      <Card title="Entries" actions={<nav aria-label="Filter by result" className="flex gap-1">{tab(undefined, "All")}{RESULTS.map((r) => tab(r, r))}</nav>}>
        <AuditTable entries={entries} />
      </Card>
    </div>
  );
}
