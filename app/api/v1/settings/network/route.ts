import { apiRoute } from "@/lib/server/route";
import { getNetworkSettings, NetworkSettings, updateNetworkSettings } from "@/lib/core/inventory/network-settings";

export const GET = apiRoute(
  { permission: "read", summary: "The networks host addresses must be in", response: NetworkSettings },
  ({ ctx }) => getNetworkSettings(ctx.db),
);

export const PATCH = apiRoute(
  {
    permission: "settings:admin",
    summary: "Set the networks host addresses must be in",
    description: "An empty list allows any address except loopback, link-local and this host.",
    body: NetworkSettings,
    response: NetworkSettings,
  },
  ({ ctx, body }) => updateNetworkSettings(ctx, body),
);
