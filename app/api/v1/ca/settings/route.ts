import { apiRoute } from "@/lib/server/route";
import { getPkiSettings, updatePkiSettings } from "@/lib/core/pki/settings";

export const GET = apiRoute("read", ({ ctx }) => getPkiSettings(ctx.db));
export const PATCH = apiRoute("ca:admin", async ({ ctx, body }) => updatePkiSettings(ctx, await body()));
