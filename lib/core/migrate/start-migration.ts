import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { jobOutcome, waitForJob } from "@/lib/core/jobs/job-store";
import { MigrationRequest } from "./preflight-job";
import type { PreflightCheck, PreflightResult } from "./preflight-types";

// A refused pre-flight: a 422 like any PRECONDITION_FAILED, and the checklist beside it.
export class PreflightRefused extends DomainError {
  constructor(readonly checks: PreflightCheck[]) {
    const failed = checks.filter((c) => !c.ok && c.severity === "error");
    super("PRECONDITION_FAILED", `The pre-flight failed: ${failed.map((c) => `${c.name} (${c.detail})`).join("; ")}`);
  }
}

export function isPreflightRefused(e: unknown): e is PreflightRefused {
  return e instanceof PreflightRefused;
}

// The pre-flight runs as a job (it reads both hosts over SSH) and is waited for.
export async function runPreflight(ctx: CoreContext, raw: unknown, waitMs = 180_000): Promise<{ jobId: string; request: MigrationRequest; result: PreflightResult }> {
  requirePermission(ctx.actor, "jobs:run");
  const request = parseInput(MigrationRequest, raw);
  const { id } = await enqueue(ctx, "migrate-preflight", request);
  const outcome = jobOutcome(await waitForJob(ctx.db, id, waitMs));
  if (outcome.pending) throw new DomainError("CONFLICT", `The pre-flight (job ${id}) is still running; try again when it ends`);
  return { jobId: id, request, result: outcome.result as PreflightResult };
}

// Pre-flight, then the migration job with the transport and parallelism the pre-flight chose.
// A plain migration the operator confirmed is audited on its own, beside the job's entry.
export async function startMigration(ctx: CoreContext, raw: unknown): Promise<{ jobId: string; preflightJobId: string; checks: PreflightCheck[]; transport: "tls" | "plain" }> {
  const { jobId: preflightJobId, request, result } = await runPreflight(ctx, raw);
  if (!result.ok || !result.transport) throw new PreflightRefused(result.checks);
  const input = { ...request, allowPlain: result.transport === "plain", parallel: result.parallel };
  const job = await enqueue(ctx, "migrate", input);
  if (result.plainConfirmed) {
    await recordAudit(ctx, {
      action: "migration.plain",
      targetType: "host",
      targetId: request.sourceHostId,
      detail: { jobId: job.id, domain: request.domain, destHostId: request.destHostId, warning: result.checks.find((c) => c.name === "policy")?.detail ?? "plain TCP" },
    });
  }
  return { jobId: job.id, preflightJobId, checks: result.checks, transport: result.transport };
}
