import { apiRoute, IdParams } from "@/lib/server/route";
import { Cluster } from "@/lib/server/api-schemas";
import { ClusterPatch } from "@/lib/core/inventory/schemas";
import { deleteCluster, getCluster, updateCluster } from "@/lib/core/inventory/clusters";

export const GET = apiRoute({ permission: "read", summary: "Get a cluster", params: IdParams, response: Cluster }, ({ ctx, params }) =>
  getCluster(ctx.db, params.id),
);

export const PATCH = apiRoute(
  { permission: "clusters:write", summary: "Rename a cluster or change its policy", params: IdParams, body: ClusterPatch, response: Cluster },
  ({ ctx, params, body }) => updateCluster(ctx, params.id, body),
);

export const DELETE = apiRoute(
  { permission: "clusters:write", summary: "Delete an empty cluster", params: IdParams, status: 204 },
  ({ ctx, params }) => deleteCluster(ctx, params.id),
);
