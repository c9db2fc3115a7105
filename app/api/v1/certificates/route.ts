import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Certificate } from "@/lib/server/api-schemas";
import { Id } from "@/lib/core/validation";
import { CERTIFICATE_KINDS, CERTIFICATE_SOURCES, EXPIRY_BANDS } from "@/lib/core/pki/certificate-enums";
import { listCertificates } from "@/lib/core/pki/certificate-rows";
import { certificatesCsv } from "@/lib/core/pki/certificates-csv";

const Query = z.object({
  hostId: Id.optional(),
  kind: z.enum(CERTIFICATE_KINDS).optional(),
  source: z.enum(CERTIFICATE_SOURCES).optional(),
  band: z.enum(EXPIRY_BANDS).optional(),
  host: z.string().trim().max(100).optional().describe("text in the host name"),
  history: z.enum(["true", "false"]).optional().describe("true: superseded and revoked ones too"),
  format: z.enum(["json", "csv"]).default("json"),
});

export const GET = apiRoute(
  {
    permission: "read",
    summary: "Certificates of the fleet, soonest expiry first",
    description: "The CA, issued and scanned certificates; the current ones unless `history=true`. `format=csv` answers a CSV file.",
    query: Query,
    response: z.array(Certificate),
    produces: "text/csv",
  },
  async ({ ctx, query: q }) => {
    const certs = await listCertificates(ctx.db, ctx.now(), { ...q, hostText: q.host, includeHistory: q.history === "true" });
    if (q.format === "json") return certs;
    return new Response(certificatesCsv(certs), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="virtshield-certificates.csv"' },
    });
  },
);
