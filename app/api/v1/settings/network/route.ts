import { apiRoute } from "@/lib/server/route";
import { getNetworkSettings, updateNetworkSettings } from "@/lib/core/inventory/network-settings";

export const GET = apiRoute("read", ({ ctx }) => getNetworkSettings(ctx.db));
export const PATCH = apiRoute("settings:admin", async ({ ctx, body }) => updateNetworkSettings(ctx, await body()));
