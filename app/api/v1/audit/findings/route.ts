import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { AuditFinding } from "@/lib/server/check-schemas";
import { FindingsQuery, listAuditFindings } from "@/lib/core/checks/audit-findings";

// Computed from what is stored (facts, certificates, policy, pins): as fresh as the last facts.
export const GET = apiRoute(
  { permission: "read", summary: "Security audit findings, worst first", query: FindingsQuery, response: z.array(AuditFinding) },
  ({ ctx, query }) => listAuditFindings(ctx.db, ctx.now(), query),
);
