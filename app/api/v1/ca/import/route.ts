import { apiRoute } from "@/lib/server/route";
import { importExistingCa } from "@/lib/core/pki/authority";

export const POST = apiRoute("ca:admin", async ({ ctx, body }) => importExistingCa(ctx, await body()), { status: 201 });
