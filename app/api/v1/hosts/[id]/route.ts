import { apiRoute, IdParams } from "@/lib/server/route";
import { Host } from "@/lib/server/api-schemas";
import { HostPatch } from "@/lib/core/inventory/schemas";
import { deleteHost, getHost, updateHost } from "@/lib/core/inventory/hosts";

export const GET = apiRoute({ permission: "read", summary: "Get a host", params: IdParams, response: Host }, ({ ctx, params }) =>
  getHost(ctx.db, params.id),
);

export const PATCH = apiRoute(
  { permission: "hosts:write", summary: "Change a host (any subset of its fields)", params: IdParams, body: HostPatch, response: Host },
  ({ ctx, params, body }) => updateHost(ctx, params.id, body),
);

export const DELETE = apiRoute(
  {
    permission: "hosts:write",
    summary: "Delete a host",
    description: "Its certificates stay, with the host's name as it was, so revoked serials remain in the CRL.",
    params: IdParams,
    status: 204,
  },
  ({ ctx, params }) => deleteHost(ctx, params.id),
);
