import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { uniqueConflict } from "@/lib/core/db-errors";
import type { z } from "zod";
import { Id, parseInput, validationError } from "@/lib/core/validation";
import { LIKE_WILDCARD, MATCH_NOTHING, listQuery, pageOf, pageWindow, type Page, type SortDir } from "@/lib/core/paging";
import { HostPatch, Tag, type Policy } from "@/lib/core/inventory/schemas";
import { canonicalHost, hostPatchRecord } from "@/lib/core/inventory/host-record";
import { toHostView, type HostRow, type HostView } from "@/lib/core/inventory/host-view";
import { allowedHostNetworks, assertHostAddressAllowed } from "@/lib/core/inventory/network-settings";
import { retireHostCertificates } from "@/lib/core/pki/revoke";

export type { HostView } from "@/lib/core/inventory/host-view";

const include = { cluster: { select: { name: true, policy: true } }, facts: { select: { gatheredAt: true } } } as const;

// The hosts list: sortable columns, the cluster and tag filters, and a search over name and address.
export const HOST_SORTS = ["name", "address", "cluster", "created"] as const;
export const HostListQuery = listQuery(HOST_SORTS, { clusterId: Id.optional(), tag: Tag.optional() });
export type HostListQuery = z.input<typeof HostListQuery>;
export type HostFilter = Pick<z.output<typeof HostListQuery>, "clusterId" | "tag" | "q">;

function hostWhere(filter: HostFilter) {
  if (filter.q && LIKE_WILDCARD.test(filter.q)) return MATCH_NOTHING; // no name or address holds % or _
  return {
    clusterId: filter.clusterId,
    // Tags are a JSON array in one column; the quoted tag matches it as a whole, not as a prefix
    // (a _ in a tag may still match any one character there: see LIKE_WILDCARD).
    tags: filter.tag ? { contains: JSON.stringify(filter.tag) } : undefined,
    OR: filter.q ? [{ name: { contains: filter.q } }, { address: { contains: filter.q } }] : undefined,
  };
}

function hostOrder(sort: (typeof HOST_SORTS)[number], dir: SortDir) {
  // The unique name last keeps the order total, so pages never overlap or skip a host.
  if (sort === "address") return [{ address: dir }, { name: "asc" as const }];
  if (sort === "cluster") return [{ cluster: { name: dir } }, { name: "asc" as const }];
  if (sort === "created") return [{ createdAt: dir }, { name: "asc" as const }];
  return [{ name: dir }];
}

// One page of hosts, filtered, sorted and counted by the database.
export async function pageHosts(db: Db, input: unknown): Promise<Page<HostView>> {
  const q = parseInput(HostListQuery, input);
  const where = hostWhere(q);
  const [rows, total] = await Promise.all([
    db.host.findMany({ where, orderBy: hostOrder(q.sort ?? "name", q.dir ?? "asc"), ...pageWindow(q), include }),
    db.host.count({ where }),
  ]);
  return pageOf(rows.map((r) => toHostView(r as HostRow)), total, q);
}

// Every matching host at once, by name: for small inventories and tests; lists and exports page.
export async function listHosts(db: Db, filter: HostFilter = {}): Promise<HostView[]> {
  const rows = await db.host.findMany({ where: hostWhere(filter), orderBy: { name: "asc" }, include });
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
  const parsed = canonicalHost(input, await allowedHostNetworks(ctx.db));
  if (!parsed.success) throw validationError(parsed.error);
  const data = parsed.data;
  await assertCluster(ctx.db, data.clusterId);
  try {
    const row = await ctx.db.host.create({ data, include });
    await recordAudit(ctx, { action: "host.create", targetType: "host", targetId: row.id, detail: { name: data.name, address: data.address } });
    return toHostView(row as HostRow);
  } catch (e) {
    throw uniqueConflict(e, `A host named ${data.name} already exists`, { name: ["already exists"] });
  }
}

export async function updateHost(ctx: CoreContext, id: string, input: unknown): Promise<HostView> {
  requirePermission(ctx.actor, "hosts:write");
  const data = parseInput(HostPatch, input);
  if (data.address !== undefined) await assertHostAddressAllowed(ctx.db, data.address);
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
    throw uniqueConflict(e, `A host named ${data.name} already exists`, { name: ["already exists"] });
  }
}

export async function deleteHost(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "hosts:write");
  const host = await getHost(ctx.db, id);
  const active = await ctx.db.job.count({ where: { hostId: id, state: { in: ["queued", "running"] } } });
  if (active > 0) throw new DomainError("CONFLICT", `Host ${host.name} has a job in progress`);
  // A deleted host is decommissioned: its certificates are revoked first, so its key is never
  // trusted by the fleet after it left the inventory (and a failure leaves the host in place).
  const retired = await retireHostCertificates(ctx, id);
  await ctx.db.host.delete({ where: { id } });
  await recordAudit(ctx, { action: "host.delete", targetType: "host", targetId: id, detail: { name: host.name, certificatesRevoked: retired.revoked } });
}
