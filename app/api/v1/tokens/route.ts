import { apiRoute } from "@/lib/server/route";
import { createApiToken, listApiTokens } from "@/lib/core/auth/api-tokens";

export const GET = apiRoute("users:admin", ({ ctx }) => listApiTokens(ctx.db));
export const POST = apiRoute("users:admin", async ({ ctx, body }) => createApiToken(ctx, await body()), { status: 201 });
