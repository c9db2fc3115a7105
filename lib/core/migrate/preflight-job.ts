import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import { Id } from "@/lib/core/validation";
import { defineJob } from "@/lib/core/jobs/define-job";
import { DomainName } from "./domain-name";
import { gatherPreflight } from "./gather-preflight";
import { preflight, type PreflightResult } from "./preflight";

export const MigrationRequest = z.strictObject({
  domain: DomainName,
  sourceHostId: Id,
  destHostId: Id,
  copyStorage: z.boolean().default(false),
  allowPlain: z.boolean().default(false),
  parallel: z.boolean().optional(),
  parallelConnections: z.number().int().min(2).max(16).optional(),
  persistent: z.boolean().default(true),
});
export type MigrationRequest = z.infer<typeof MigrationRequest>;

// Reads both hosts and answers the checklist; changes nothing, so it locks nothing.
export const preflightJob = defineJob({
  kind: "migrate-preflight",
  input: MigrationRequest,
  permission: "jobs:run",
  locks: () => [],
  host: (i) => i.sourceHostId,
  precondition: async (ctx, i) => {
    if (i.sourceHostId === i.destHostId) throw new DomainError("VALIDATION", "Source and destination are the same host", { fieldErrors: { destHostId: ["pick another host"] } });
    const found = await ctx.db.host.count({ where: { id: { in: [i.sourceHostId, i.destHostId] } } });
    if (found < 2) throw new DomainError("NOT_FOUND", "No such host");
  },
  run: async (ctx, { report }, req): Promise<PreflightResult> => {
    const input = await report.step("read both hosts", () => gatherPreflight(ctx, { ...req, parallel: req.parallel ?? null }), (i) => `${i.source.name} → ${i.dest.name} (${i.target}), ${i.probeSource} probe`);
    await report.progress(80);
    const result = preflight(input);
    await report.step("check", async () => result, (r) => `${r.checks.filter((c) => !c.ok && c.severity === "error").length} error(s), ${r.checks.filter((c) => !c.ok && c.severity === "warning").length} warning(s)`);
    return result;
  },
});
