import { apiRoute, IdParams } from "@/lib/server/route";
import { revokeApiToken } from "@/lib/core/auth/api-tokens";

export const DELETE = apiRoute(
  { permission: "users:admin", summary: "Revoke an API token", description: "It stops working at once; the row stays for the audit trail.", params: IdParams, status: 204 },
  ({ ctx, params }) => revokeApiToken(ctx, params.id),
);
