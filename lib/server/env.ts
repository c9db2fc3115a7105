import path from "node:path";
import { z } from "zod";
import { databaseUrl } from "@/lib/server/database-url";

// The only reader of process.env in the app; validated once, fails loudly on bad values.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  VIRTSHIELD_SECRET_KEY: z.string().min(1).optional(),
  VIRTSHIELD_SECRET_KEY_FILE: z.string().min(1).default(path.resolve("data", "secret.key")),
  VIRTSHIELD_ADMIN_NAME: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/).default("admin"),
  VIRTSHIELD_ADMIN_PASSWORD: z.string().min(12).max(256).optional(),
  VIRTSHIELD_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  VIRTSHIELD_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  VIRTSHIELD_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  VIRTSHIELD_SSH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  // "1" when a reverse proxy in front sets X-Forwarded-For; otherwise the socket's address counts.
  VIRTSHIELD_TRUSTED_PROXY: z.enum(["0", "1"]).default("0"),
  VIRTSHIELD_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  VIRTSHIELD_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  VIRTSHIELD_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // "1" in benchmarks only: SQL statements per request (lib/server/query-counter.ts).
  VIRTSHIELD_COUNT_QUERIES: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema> & { DATABASE_URL: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const fields = Object.keys(z.flattenError(parsed.error).fieldErrors).join(", ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  cached = { ...parsed.data, DATABASE_URL: databaseUrl() };
  return cached;
}
