import { apiRoute } from "@/lib/server/route";
import { useExternalCa } from "@/lib/core/pki/authority";

export const POST = apiRoute("ca:admin", async ({ ctx, body }) => useExternalCa(ctx, await body()), { status: 201 });
