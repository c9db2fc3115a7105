import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { isUniqueViolation } from "@/lib/core/db-errors";
import { parseInput, validationError } from "@/lib/core/validation";
import { HostPatch, type Policy } from "@/lib/core/inventory/schemas";
import { canonicalHost, hostPatchRecord } from "@/lib/core/inventory/host-record";
import { toHostView, type HostRow, type HostView } from "@/lib/core/inventory/host-view";

export type { HostView } from "@/lib/core/inventory/host-view";

const include = { cluster: { select: { name: true, policy: true } }, facts: { select: { gatheredAt: true } } } as const;

export interface HostFilter {
  clusterId?: string;
  tag?: string;
  q?: string;
}

export async function listHosts(db: Db, filter: HostFilter = {}): Promise<HostView[]> {
  const rows = await db.host.findMany({
    where: {
      clusterId: filter.clusterId,
      tags: filter.tag ? { contains: JSON.stringify(filter.tag) } : undefined,
      OR: filter.q ? [{ name: { contains: filter.q } }, { address: { contains: filter.q } }] : undefined,
    },
    orderBy: { name: "asc" },
    include,
  });
  return rows.map((r) => toHostView(r as HostRow));
}

export async function getHost(db: Db, id: string): Promise<HostView> {
  const row = await db.host.findUnique({ where: { id }, include });
  if (!row) throw new DomainError("NOT_FOUND", "No such host");
  return toHostView(row as HostRow);
}

async function assertCluster(db: Db, clusterId: string): Promise<Policy> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { policy: true } });
  if (!cluster) throw new DomainError("VALIDATION", "No such cluster", { fieldErrors: { clusterId: ["no such cluster"] } });
  return cluster.policy as Policy;
}

const STRENGTH: Record<Policy, number> = { tls: 2, "prefer-tls": 1, legacy: 0 };

export async function createHost(ctx: CoreContext, input: unknown): Promise<HostView> {
  requirePermission(ctx.actor, "hosts:write");
  const parsed = canonicalHost(input);
  if (!parsed.success) throw validationError(parsed.error);
  const data = parsed.data;
  await assertCluster(ctx.db, data.clusterId);
  try {
    const row = await ctx.db.host.create({ data, include });
    await recordAudit(ctx, { action: "host.create", targetType: "host", targetId: row.id, detail: { name: data.name, address: data.address } });
    return toHostView(row as HostRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CONFLICT", `A host named ${data.name} already exists`, { fieldErrors: { name: ["already exists"] } });
    throw e;
  }
}

export async function updateHost(ctx: CoreContext, id: string, input: unknown): Promise<HostView> {
  requirePermission(ctx.actor, "hosts:write");
  const data = parseInput(HostPatch, input);
  const before = await getHost(ctx.db, id);
  if (data.clusterId && data.clusterId !== before.clusterId) {
    const target = await assertCluster(ctx.db, data.clusterId);
    // Moving a host into a cluster with a weaker policy weakens its transport: a policy decision.
    if (STRENGTH[target] < STRENGTH[before.policy] && ctx.actor.role !== "admin") {
      await recordAudit(ctx, { action: "host.update", targetType: "host", targetId: id, result: "refused", detail: { reason: `policy ${before.policy} -> ${target}` } });
      throw new DomainError("FORBIDDEN", `Moving ${before.name} from a ${before.policy} cluster to a ${target} cluster weakens its policy: only an admin may do that`);
    }
  }
  try {
    const row = await ctx.db.host.update({ where: { id }, data: hostPatchRecord(data), include });
    await recordAudit(ctx, { action: "host.update", targetType: "host", targetId: id, detail: { changed: Object.keys(data) } });
    return toHostView(row as HostRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CONFLICT", `A host named ${data.name} already exists`, { fieldErrors: { name: ["already exists"] } });
    throw e;
  }
}

export async function deleteHost(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "hosts:write");
  const host = await getHost(ctx.db, id);
  const active = await ctx.db.job.count({ where: { hostId: id, state: { in: ["queued", "running"] } } });
  if (active > 0) throw new DomainError("CONFLICT", `Host ${host.name} has a job in progress`);
  await ctx.db.host.delete({ where: { id } });
  await recordAudit(ctx, { action: "host.delete", targetType: "host", targetId: id, detail: { name: host.name } });
}
