"use server";
import { z } from "zod";
import { updateNetworkSettings } from "@/lib/core/inventory/network-settings";
import { formList, runFormAction, type ActionState } from "@/lib/server/action";

const NetworkForm = z.object({ allowedHostNetworks: formList });

export async function updateNetworkSettingsAction(_prev: ActionState, form: FormData) {
  return runFormAction("settings:admin", "settings.network", form, NetworkForm, ({ ctx, input }) => updateNetworkSettings(ctx, input));
}
