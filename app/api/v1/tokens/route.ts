import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { ApiToken, NewApiTokenAnswer } from "@/lib/server/api-schemas";
import { createApiToken, listApiTokens, NewApiToken } from "@/lib/core/auth/api-tokens";

export const GET = apiRoute(
  { permission: "users:admin", summary: "List API tokens (never the secrets)", response: z.array(ApiToken) },
  ({ ctx }) => listApiTokens(ctx.db),
);

export const POST = apiRoute(
  { permission: "users:admin", summary: "Create an API token; the token is shown once", body: NewApiToken, response: NewApiTokenAnswer, status: 201 },
  ({ ctx, body }) => createApiToken(ctx, body),
);
