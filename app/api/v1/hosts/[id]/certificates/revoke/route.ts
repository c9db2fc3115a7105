import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { Revoked } from "@/lib/server/api-schemas";
import { REVOCATION_REASONS } from "@/lib/core/pki/revoke";
import { revokeAndDeploy } from "@/lib/core/provision/revoke-and-deploy";

const Body = z.strictObject({ reason: z.enum(REVOCATION_REASONS).default("unspecified") });

export const POST = apiRoute(
  {
    permission: "ca:admin",
    summary: "Revoke every certificate issued to the host and publish the CRL",
    params: IdParams,
    body: Body,
    description: "The new CRL then goes to every other provisioned host (a fleet job: deployJobId).",
    response: Revoked.extend({ deployJobId: z.string().nullable() }),
  },
  ({ ctx, params, body }) => revokeAndDeploy(ctx, params.id, body.reason),
);
