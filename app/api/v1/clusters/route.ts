import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Cluster } from "@/lib/server/api-schemas";
import { NewCluster } from "@/lib/core/inventory/schemas";
import { createCluster, listClusters } from "@/lib/core/inventory/clusters";

export const GET = apiRoute({ permission: "read", summary: "List clusters", response: z.array(Cluster) }, ({ ctx }) => listClusters(ctx.db));

export const POST = apiRoute(
  { permission: "clusters:write", summary: "Create a cluster", body: NewCluster, response: Cluster, status: 201 },
  ({ ctx, body }) => createCluster(ctx, body),
);
