import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { REVOCATION_REASONS, revokeHostCertificates } from "@/lib/core/pki/revoke";

const Body = z.strictObject({ reason: z.enum(REVOCATION_REASONS).default("unspecified") });

export const POST = apiRoute<{ id: string }>("ca:admin", async ({ ctx, params, body }) => {
  const { reason } = parseInput(Body, await body());
  return revokeHostCertificates(ctx, params.id, reason);
});
