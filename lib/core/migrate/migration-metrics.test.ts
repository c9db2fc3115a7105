import { describe, expect, it } from "vitest";
import { migrationExposition } from "./migration-metrics";

describe("migration metrics", () => {
  it("counts every outcome × transport and buckets the durations cumulatively", () => {
    const lines = migrationExposition([{ outcome: "succeeded", transport: "tls", n: 3 }, { outcome: "failed", transport: "plain", n: 1 }], [2_000, 7_500, 45_000, 4_000_000]);
    expect(lines).toContain('virtshield_migrations_total{outcome="succeeded",transport="tls"} 3');
    expect(lines).toContain('virtshield_migrations_total{outcome="failed",transport="plain"} 1');
    expect(lines).toContain('virtshield_migrations_total{outcome="aborted",transport="unproven"} 0');
    expect(lines.filter((l) => l.startsWith("virtshield_migrations_total{"))).toHaveLength(9);
    expect(lines).toContain('virtshield_migration_duration_seconds_bucket{le="5"} 1');
    expect(lines).toContain('virtshield_migration_duration_seconds_bucket{le="10"} 2');
    expect(lines).toContain('virtshield_migration_duration_seconds_bucket{le="3600"} 3');
    expect(lines).toContain('virtshield_migration_duration_seconds_bucket{le="+Inf"} 4');
    expect(lines).toContain("virtshield_migration_duration_seconds_sum 4054.5");
    expect(lines).toContain("virtshield_migration_duration_seconds_count 4");
    expect(lines).toContain("# TYPE virtshield_migration_duration_seconds histogram");
  });
});
