import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { textStream } from "@/lib/server/text-stream";
import { Certificate } from "@/lib/server/api-schemas";
import { pageHeaders } from "@/lib/core/paging";
import { CertificateListQuery, exportCertificatesCsv, pageCertificates } from "@/lib/core/pki/certificate-page";

const Query = CertificateListQuery.extend({ format: z.enum(["json", "csv"]).default("json") });

export const GET = apiRoute(
  {
    permission: "read",
    summary: "Certificates of the fleet, one page, soonest expiry first",
    description:
      "The CA, issued and scanned certificates; the current ones unless `history=true`. `format=csv` answers a CSV file of every match (no paging).",
    paged: true,
    query: Query,
    response: z.array(Certificate),
    produces: "text/csv",
  },
  async ({ ctx, req, query: { format, ...q } }) => {
    if (format === "csv") {
      return new Response(textStream(exportCertificatesCsv(ctx.db, ctx.now(), q)), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="virtshield-certificates.csv"' },
      });
    }
    const page = await pageCertificates(ctx.db, ctx.now(), q);
    return Response.json(page.items, { headers: pageHeaders(req.url, page) });
  },
);
