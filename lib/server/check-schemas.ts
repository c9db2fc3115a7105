// The JSON answers of the check routes (port and TLS matrices, security audit), with Same<>
// checks against the core views so tsc fails when they drift apart.
import { z } from "zod";
import { PORT_STATES } from "@/lib/core/checks/parse-port-probes";
import { TLS_FAILURE_REASONS } from "@/lib/core/checks/tls-failure-reasons";
import { SEVERITIES } from "@/lib/core/checks/audit-rules";
import type { PortMatrixEntry, TlsMatrixEntry } from "@/lib/core/checks/matrix-store";
import type { Finding } from "@/lib/core/checks/audit-findings";

const Timestamp = z.iso.datetime({ offset: true });

export const PortMatrixCell = z.object({
  sourceId: z.string().describe('a host id, or "dashboard" for the probe from the dashboard itself'),
  destId: z.string(),
  port: z.number().int(),
  state: z.enum(PORT_STATES).describe("refused: reachable, nothing listens (fine for the migration range); timeout/unreachable: blocked; error: the probe could not run"),
  error: z.string().nullable().describe("the raw error of the probe"),
  checkedAt: Timestamp,
});

export const TlsMatrixCell = z.object({
  sourceId: z.string(),
  destId: z.string(),
  target: z.string().describe("the name or migration address in qemu+tls://<target>/system"),
  state: z.enum(["ok", ...TLS_FAILURE_REASONS]),
  error: z.string().optional(),
  checkedAt: Timestamp,
});

export const AuditFinding = z.object({
  hostId: z.string(),
  hostName: z.string(),
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  fix: z.string(),
  evidence: z.string(),
  action: z.string().describe("where the action that fixes it lives, e.g. /hosts/<id>#provision"),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const checkViewsMatch: [Same<z.infer<typeof PortMatrixCell>, PortMatrixEntry>, Same<z.infer<typeof TlsMatrixCell>, TlsMatrixEntry>, Same<z.infer<typeof AuditFinding>, Finding>] = [true, true, true];
