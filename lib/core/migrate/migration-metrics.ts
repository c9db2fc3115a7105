import type { Db } from "@/lib/core/context";
import { OUTCOMES, TRANSPORTS } from "./migration-store";

export const DURATION_BUCKETS_SECONDS = [5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

// Exposition lines of the migration families: a counter by outcome and transport (every pair,
// zeros included, so an alert on plain migrations has a series to watch) and a duration histogram.
export function migrationExposition(counts: { outcome: string; transport: string; n: number }[], durationsMs: number[]): string[] {
  const lines = ["# HELP virtshield_migrations_total Finished migrations by outcome and transport (tls only with tls-creds evidence)", "# TYPE virtshield_migrations_total counter"];
  for (const outcome of OUTCOMES) {
    for (const transport of TRANSPORTS) {
      const n = counts.filter((c) => c.outcome === outcome && c.transport === transport).reduce((s, c) => s + c.n, 0);
      lines.push(`virtshield_migrations_total{outcome="${outcome}",transport="${transport}"} ${n}`);
    }
  }
  lines.push("# HELP virtshield_migration_duration_seconds How long finished migrations took", "# TYPE virtshield_migration_duration_seconds histogram");
  const seconds = durationsMs.map((ms) => ms / 1000);
  for (const le of DURATION_BUCKETS_SECONDS) lines.push(`virtshield_migration_duration_seconds_bucket{le="${le}"} ${seconds.filter((s) => s <= le).length}`);
  lines.push(`virtshield_migration_duration_seconds_bucket{le="+Inf"} ${seconds.length}`);
  lines.push(`virtshield_migration_duration_seconds_sum ${seconds.reduce((a, b) => a + b, 0)}`);
  lines.push(`virtshield_migration_duration_seconds_count ${seconds.length}`);
  return lines;
}

export async function migrationMetricLines(db: Db): Promise<string[]> {
  const groups = await db.migration.groupBy({ by: ["outcome", "transport"], where: { outcome: { not: null } }, _count: { _all: true } });
  const durations = await db.migration.findMany({ where: { outcome: { not: null }, durationMs: { not: null } }, select: { durationMs: true } });
  return migrationExposition(groups.map((g) => ({ outcome: g.outcome ?? "", transport: g.transport, n: g._count._all })), durations.map((d) => d.durationMs ?? 0));
}
