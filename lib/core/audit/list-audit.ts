import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { parseInput } from "@/lib/core/validation";
import { listQuery, pageOf, pageWindow, type Page, type SortDir } from "@/lib/core/paging";

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string | null; id: string | null };
  result: string;
  detail: Record<string, unknown>;
}

export const AUDIT_RESULTS = ["ok", "refused", "failed"] as const;
export const AUDIT_SORTS = ["at", "action", "actor", "result"] as const;

// `action` is a prefix ("host." is every host change); `q` searches action, actor, target and detail.
export const AuditListQuery = listQuery(AUDIT_SORTS, {
  action: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, "an action or its prefix").optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
});
export type AuditListQuery = z.input<typeof AuditListQuery>;
type AuditFilter = Pick<z.output<typeof AuditListQuery>, "action" | "result" | "q">;

function auditWhere(f: AuditFilter) {
  return {
    action: f.action ? { startsWith: f.action } : undefined,
    result: f.result,
    OR: f.q
      ? [{ action: { contains: f.q } }, { actorName: { contains: f.q } }, { targetId: { contains: f.q } }, { detail: { contains: f.q } }]
      : undefined,
  };
}

function auditOrder(sort: (typeof AUDIT_SORTS)[number], dir: SortDir) {
  // Newest first within equal keys; the id breaks ties so pages never overlap.
  const tail = [{ at: "desc" as const }, { id: "desc" as const }];
  if (sort === "action") return [{ action: dir }, ...tail];
  if (sort === "actor") return [{ actorName: dir }, ...tail];
  if (sort === "result") return [{ result: dir }, ...tail];
  return [{ at: dir }, { id: dir }];
}

type AuditRow = { id: string; at: Date; actorType: string; actorId: string | null; actorName: string; action: string; targetType: string | null; targetId: string | null; result: string; detail: string };

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { type: r.actorType, id: r.actorId, name: r.actorName },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    result: r.result,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

// One page of the audit log, newest first unless sorted otherwise.
export async function pageAudit(db: Db, input: unknown): Promise<Page<AuditEntry>> {
  const q = parseInput(AuditListQuery, input);
  const sort = q.sort ?? "at";
  const where = auditWhere(q);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: auditOrder(sort, q.dir ?? (sort === "at" ? "desc" : "asc")), ...pageWindow(q) }),
    db.auditLog.count({ where }),
  ]);
  return pageOf(rows.map(toEntry), total, q);
}

// The latest entries, for the overview's "recent activity".
export async function listAudit(db: Db, opts: { limit?: number; action?: string; result?: string } = {}): Promise<AuditEntry[]> {
  const { items } = await pageAudit(db, { limit: opts.limit ?? 200, action: opts.action, result: opts.result });
  return items;
}
