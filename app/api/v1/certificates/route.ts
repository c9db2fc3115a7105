import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Id, parseInput } from "@/lib/core/validation";
import { listCertificates } from "@/lib/core/pki/certificate-rows";
import { certificatesCsv } from "@/lib/core/pki/certificates-csv";

const Query = z.object({
  hostId: Id.optional(),
  kind: z.enum(["ca", "server", "client"]).optional(),
  source: z.enum(["issued", "scanned"]).optional(),
  band: z.enum(["expired", "critical", "warning", "ok"]).optional(),
  host: z.string().trim().max(100).optional(),
  history: z.enum(["true", "false"]).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const GET = apiRoute("read", async ({ ctx, req }) => {
  const q = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  const certs = await listCertificates(ctx.db, ctx.now(), { ...q, hostText: q.host, includeHistory: q.history === "true" });
  if (q.format === "json") return certs;
  return new Response(certificatesCsv(certs), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="virtshield-certificates.csv"' },
  });
});
