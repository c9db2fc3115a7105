// The JSON answers of the migration routes, as zod for the OpenAPI document.
import { z } from "zod";
import { ERROR_CODES } from "@/lib/core/errors";

export const PreflightCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  severity: z.enum(["error", "warning", "info"]).describe("a failed error check blocks the migration; a failed warning does not"),
  detail: z.string(),
  fix: z.string().nullable(),
});

export const PreflightAnswer = z.object({
  jobId: z.string().describe("the pre-flight job"),
  ok: z.boolean(),
  transport: z.enum(["tls", "plain"]).nullable().describe("what would run; null when the policy refuses"),
  parallel: z.boolean(),
  plainConfirmed: z.boolean(),
  checks: z.array(PreflightCheckSchema),
});

export const MigrationStarted = z.object({
  jobId: z.string().describe("the migrate job: follow it at /api/v1/jobs/{id}/events"),
  preflightJobId: z.string(),
  transport: z.enum(["tls", "plain"]),
  checks: z.array(PreflightCheckSchema),
});

// The error shape of every route, with the failed checklist beside it.
export const PreflightFailed = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() }),
  checks: z.array(PreflightCheckSchema),
});
