import type { CoreContext } from "@/lib/core/context";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { DomainError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validation";
import type { JobRegistry } from "@/lib/core/jobs/define-job";
import { createJob } from "@/lib/core/jobs/job-store";
import { jobRegistry } from "@/lib/core/jobs/registry";

export interface EnqueuedJob {
  id: string;
  kind: string;
  hostId: string | null;
  locks: string[];
}

// Every locked host exists and has a pinned SSH key: refused now (404/422), not failed later.
async function requireHosts(ctx: CoreContext, hostIds: string[]): Promise<void> {
  if (hostIds.length === 0) return;
  const rows = await ctx.db.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true, hostKeyFingerprint: true } });
  for (const id of hostIds) {
    const host = rows.find((r) => r.id === id);
    if (!host) throw new DomainError("NOT_FOUND", "No such host");
    if (!host.hostKeyFingerprint) {
      throw new DomainError("PRECONDITION_FAILED", `The SSH host key of ${host.name} is not pinned yet: confirm its fingerprint first`);
    }
  }
}

// The one way a job comes to be: validate its input (400 with fields), check the role and the
// preconditions once, store it with its locks, audit it, and wake the runner.
export async function enqueue(
  ctx: CoreContext,
  kind: string,
  rawInput: unknown,
  opts: { parentId?: string; registry?: JobRegistry } = {},
): Promise<EnqueuedJob> {
  const def = (opts.registry ?? jobRegistry)[kind];
  if (!def) throw new DomainError("VALIDATION", `Unknown job kind ${kind}`);
  requirePermission(ctx.actor, def.permission);
  const input = parseInput(def.input, rawInput);
  const locks = [...new Set(def.locks(input))];
  await requireHosts(ctx, locks);
  await def.precondition?.(ctx, input);
  const hostId = def.host ? def.host(input) : (locks[0] ?? null);
  const id = await createJob(ctx.db, { kind, hostId, locks, input, createdBy: ctx.actor.name, parentId: opts.parentId });
  await recordAudit(ctx, {
    action: `job.${kind}`,
    targetType: hostId ? "host" : "job",
    targetId: hostId ?? id,
    detail: { jobId: id, ...(opts.parentId ? { parentId: opts.parentId } : {}), ...(locks.length > 1 ? { hosts: locks } : {}) },
  });
  ctx.jobs?.wake();
  return { id, kind, hostId, locks };
}
