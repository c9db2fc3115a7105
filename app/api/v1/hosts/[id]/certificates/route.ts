import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { Certificate, IssuedPair } from "@/lib/server/api-schemas";
import { getHost } from "@/lib/core/inventory/hosts";
import { issueForHost } from "@/lib/core/pki/issue-for-host";
import { listCertificates } from "@/lib/core/pki/certificate-rows";

export const GET = apiRoute(
  { permission: "read", summary: "A host's current certificates", params: IdParams, response: z.array(Certificate) },
  async ({ ctx, params }) => {
    await getHost(ctx.db, params.id);
    return listCertificates(ctx.db, ctx.now(), { hostId: params.id });
  },
);

export const POST = apiRoute(
  { permission: "certs:issue", summary: "Issue (or re-issue) the host's server and client certificates", params: IdParams, response: IssuedPair, status: 201 },
  ({ ctx, params }) => issueForHost(ctx, params.id),
);
