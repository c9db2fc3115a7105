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
