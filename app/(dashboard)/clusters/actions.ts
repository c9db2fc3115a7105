"use server";
import { z } from "zod";
import { createCluster, deleteCluster, updateCluster } from "@/lib/core/inventory/clusters";
import { ClusterName, POLICIES } from "@/lib/core/inventory/schemas";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

const Create = z.object({ name: ClusterName, policy: z.enum(POLICIES) });
const Update = z.object({ id: Id, policy: z.enum(POLICIES), migrationParallel: z.literal("on").optional() });
const Delete = z.object({ id: Id });

export async function createClusterAction(_prev: ActionState, form: FormData) {
  return runFormAction("clusters:write", "cluster.create", form, Create, ({ ctx, input }) => createCluster(ctx, input));
}

export async function updateClusterPolicyAction(_prev: ActionState, form: FormData) {
  return runFormAction("clusters:write", "cluster.update", form, Update, ({ ctx, input }) => updateCluster(ctx, input.id, { policy: input.policy, migrationParallel: input.migrationParallel === "on" }));
}

export async function deleteClusterAction(_prev: ActionState, form: FormData) {
  return runFormAction("clusters:write", "cluster.delete", form, Delete, ({ ctx, input }) => deleteCluster(ctx, input.id));
}
