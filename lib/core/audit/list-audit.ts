import type { Db } from "@/lib/core/context";

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string | null; id: string | null };
  result: string;
  detail: Record<string, unknown>;
}

export async function listAudit(db: Db, opts: { limit?: number; action?: string; result?: string } = {}): Promise<AuditEntry[]> {
  const rows = await db.auditLog.findMany({
    where: { action: opts.action ? { startsWith: opts.action } : undefined, result: opts.result },
    orderBy: { at: "desc" },
    take: Math.min(Math.max(opts.limit ?? 200, 1), 1000),
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: { type: r.actorType, id: r.actorId, name: r.actorName },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    result: r.result,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
