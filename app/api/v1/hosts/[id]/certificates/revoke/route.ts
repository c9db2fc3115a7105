import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { Revoked } from "@/lib/server/api-schemas";
import { REVOCATION_REASONS, revokeHostCertificates } from "@/lib/core/pki/revoke";

const Body = z.strictObject({ reason: z.enum(REVOCATION_REASONS).default("unspecified") });

export const POST = apiRoute(
  {
    permission: "ca:admin",
    summary: "Revoke every certificate issued to the host and publish the CRL",
    params: IdParams,
    body: Body,
    response: Revoked,
  },
  ({ ctx, params, body }) => revokeHostCertificates(ctx, params.id, body.reason),
);
