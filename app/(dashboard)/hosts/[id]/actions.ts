"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteHost, updateHost } from "@/lib/core/inventory/hosts";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";
import { Id, Sha256Fingerprint } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { HostForm, toHostPatch } from "../host-input";

const HostId = z.object({ id: Id });
const Pin = z.object({ id: Id, fingerprint: Sha256Fingerprint });

export async function updateHostAction(_prev: ActionState, form: FormData) {
  return runFormAction("hosts:write", "host.update", form, HostForm.extend({ id: Id }), ({ ctx, input: { id, ...rest } }) => updateHost(ctx, id, toHostPatch(rest)));
}

export async function deleteHostAction(_prev: ActionState, form: FormData) {
  const result = await runFormAction("hosts:write", "host.delete", form, HostId, ({ ctx, input }) => deleteHost(ctx, input.id));
  if (result.ok) redirect("/hosts");
  return result;
}

export async function observeHostKeyAction(_prev: ActionState, form: FormData) {
  return runFormAction("hosts:write", "host.observe-key", form, HostId, ({ ctx, input }) => observeHostKey(ctx, input.id));
}

export async function pinHostKeyAction(_prev: ActionState, form: FormData) {
  return runFormAction("hosts:write", "host.pin-key", form, Pin, ({ ctx, input }) => pinHostKey(ctx, input.id, input.fingerprint));
}

// Gathering is a job: the browser follows it over SSE and reloads the stored facts at the end.
export async function gatherFactsAction(_prev: ActionState, form: FormData) {
  return runFormAction("jobs:run", "host.gather-facts", form, HostId, async ({ ctx, input }) => ({
    jobId: (await enqueue(ctx, "facts", { hostId: input.id })).id,
  }));
}
