import type { Metadata } from "next";
import { can } from "@/lib/core/auth/roles";
import { lenientQuery } from "@/lib/core/paging";
import { listHosts } from "@/lib/core/inventory/hosts";
import { MigrationListQuery, pageMigrations } from "@/lib/core/migrate/migration-store";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/pager";
import { HistoryTable } from "./history-table";
import { MigrateForm } from "./migrate-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("read");
  const raw = await searchParams;
  const query = lenientQuery(MigrationListQuery, raw);
  const page = await pageMigrations(db(), query);
  const operator = can(actor.role, "jobs:run");
  const hosts = operator ? (await listHosts(db())).filter((h) => h.hostKey.pinned).map((h) => ({ id: h.id, name: h.name })) : [];
  const source = typeof raw.source === "string" ? raw.source : undefined;
  return (
    <div className="space-y-5">
      <PageHeader title="Migrations" description="Live migration over QEMU-native TLS: pre-flight, progress, and the proof of every stream's transport." />
      {operator && (
        <Card title="Migrate a guest" id="migrate" description="Check runs the pre-flight on both hosts; nothing moves until you press Migrate.">
          <MigrateForm hosts={hosts} initialSource={hosts.some((h) => h.id === source) ? source : undefined} />
        </Card>
      )}
      <Card title="History" id="history">
        <HistoryTable rows={page.items} />
        <Pager page={page} path="/migrations" params={query} />
      </Card>
    </div>
  );
}
