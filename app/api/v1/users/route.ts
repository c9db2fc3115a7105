import { apiRoute } from "@/lib/server/route";
import { createUser, listUsers } from "@/lib/core/auth/users";

export const GET = apiRoute("users:admin", ({ ctx }) => listUsers(ctx.db));
export const POST = apiRoute("users:admin", async ({ ctx, body }) => createUser(ctx, await body()), { status: 201 });
