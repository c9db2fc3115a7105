import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { uniqueConflict } from "@/lib/core/db-errors";
import { parseInput } from "@/lib/core/validation";
import { ClusterPatch, NewCluster, type Policy } from "@/lib/core/inventory/schemas";

export interface ClusterView {
  id: string;
  name: string;
  policy: Policy;
  /** Migrations use parallel connections where both hosts support them. */
  migrationParallel: boolean;
  hostCount: number;
  createdAt: string;
}

type ClusterRow = { id: string; name: string; policy: string; migrationParallel: boolean; createdAt: Date; _count?: { hosts: number } };
const toView = (c: ClusterRow): ClusterView => ({
  id: c.id,
  name: c.name,
  policy: c.policy as Policy,
  migrationParallel: c.migrationParallel,
  hostCount: c._count?.hosts ?? 0,
  createdAt: c.createdAt.toISOString(),
});

export async function listClusters(db: Db): Promise<ClusterView[]> {
  const rows = await db.cluster.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { hosts: true } } } });
  return rows.map(toView);
}

export async function getCluster(db: Db, id: string): Promise<ClusterView> {
  const row = await db.cluster.findUnique({ where: { id }, include: { _count: { select: { hosts: true } } } });
  if (!row) throw new DomainError("NOT_FOUND", "No such cluster");
  return toView(row);
}

export async function createCluster(ctx: CoreContext, input: unknown): Promise<ClusterView> {
  requirePermission(ctx.actor, "clusters:write");
  const data = parseInput(NewCluster, input);
  try {
    const row = await ctx.db.cluster.create({ data });
    await recordAudit(ctx, { action: "cluster.create", targetType: "cluster", targetId: row.id, detail: data });
    return toView(row);
  } catch (e) {
    throw uniqueConflict(e, `A cluster named ${data.name} already exists`);
  }
}

export async function updateCluster(ctx: CoreContext, id: string, input: unknown): Promise<ClusterView> {
  requirePermission(ctx.actor, "clusters:write");
  const data = parseInput(ClusterPatch, input);
  const before = await getCluster(ctx.db, id);
  try {
    const row = await ctx.db.cluster.update({ where: { id }, data, include: { _count: { select: { hosts: true } } } });
    await recordAudit(ctx, { action: "cluster.update", targetType: "cluster", targetId: id, detail: { before: { name: before.name, policy: before.policy, migrationParallel: before.migrationParallel }, after: data } });
    return toView(row);
  } catch (e) {
    throw uniqueConflict(e, `A cluster named ${data.name} already exists`);
  }
}

export async function deleteCluster(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "clusters:write");
  const cluster = await getCluster(ctx.db, id);
  if (cluster.hostCount > 0) throw new DomainError("CONFLICT", `Cluster ${cluster.name} still has ${cluster.hostCount} host(s)`);
  await ctx.db.cluster.delete({ where: { id } });
  await recordAudit(ctx, { action: "cluster.delete", targetType: "cluster", targetId: id, detail: { name: cluster.name } });
}
