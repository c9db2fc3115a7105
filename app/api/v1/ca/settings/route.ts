import { apiRoute } from "@/lib/server/route";
import { getPkiSettings, PkiSettings, updatePkiSettings } from "@/lib/core/pki/settings";

export const GET = apiRoute({ permission: "read", summary: "Certificate settings", response: PkiSettings }, ({ ctx }) => getPkiSettings(ctx.db));

export const PATCH = apiRoute(
  { permission: "ca:admin", summary: "Change certificate settings (any subset)", body: PkiSettings.partial(), response: PkiSettings },
  ({ ctx, body }) => updatePkiSettings(ctx, body),
);
