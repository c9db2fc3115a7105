import type { CoreContext } from "@/lib/core/context";

export type AuditResult = "ok" | "refused" | "failed";

export interface AuditEntryInput {
  action: string;
  targetType?: string;
  targetId?: string | null;
  result?: AuditResult;
  detail?: Record<string, unknown>;
}

// Keys whose values must never land in the audit log, whatever a caller passes.
const SECRET_KEY = /pass(word)?|secret|private|token|key$|pem$/i;

export function scrubDetail(detail: Record<string, unknown>): Record<string, unknown> {
  return scrub(detail) as Record<string, unknown>;
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : scrub(v)]));
}

export async function recordAudit(ctx: Pick<CoreContext, "db" | "actor" | "now">, entry: AuditEntryInput): Promise<void> {
  await ctx.db.auditLog.create({
    data: {
      at: ctx.now(),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      result: entry.result ?? "ok",
      detail: JSON.stringify(scrubDetail(entry.detail ?? {})),
    },
  });
}

// Unauthenticated requests must not grow the log without bound: at most `perMinute` rows per
// key (a client address) in each minute; the rest are dropped. One SQL upsert counts, so
// parallel requests cannot slip past the limit. Returns whether the row was written.
export async function recordAuditLimited(
  ctx: Pick<CoreContext, "db" | "actor" | "now">,
  entry: AuditEntryInput,
  limit: { key: string; perMinute: number },
): Promise<boolean> {
  const nowMs = ctx.now().getTime();
  const windowStart = nowMs - 60_000;
  const key = `audit:${limit.key}`;
  const rows = await ctx.db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "count", "windowStartMs", "lastMs", "blockedUntilMs")
    VALUES (${key}, 1, ${nowMs}, ${nowMs}, 0)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "windowStartMs" <= ${windowStart} THEN 1 ELSE "count" + 1 END,
      "windowStartMs" = CASE WHEN "windowStartMs" <= ${windowStart} THEN ${nowMs} ELSE "windowStartMs" END,
      "lastMs" = ${nowMs}
    RETURNING "count"`;
  if (Number(rows[0]?.count ?? 0) > limit.perMinute) return false;
  await recordAudit(ctx, entry);
  return true;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

// Run daily: audit rows older than the retention go, and so do rate counters that have gone
// quiet for a day and login challenges (password done, code never given) past their expiry.
export async function pruneAudit(
  db: CoreContext["db"],
  now: Date,
  retentionDays = DEFAULT_AUDIT_RETENTION_DAYS,
): Promise<{ auditRows: number; counters: number; challenges: number }> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const { count: auditRows } = await db.auditLog.deleteMany({ where: { at: { lt: before } } });
  const quietMs = now.getTime() - 86_400_000;
  const counters = await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "lastMs" < ${quietMs} AND "blockedUntilMs" < ${now.getTime()}`;
  const { count: challenges } = await db.loginChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  return { auditRows, counters, challenges };
}
