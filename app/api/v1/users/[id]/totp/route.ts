import { apiRoute, IdParams } from "@/lib/server/route";
import { resetTotp } from "@/lib/core/auth/totp";

export const DELETE = apiRoute(
  { permission: "users:admin", summary: "Turn off a user's two-factor login (lost phone)", description: "Their recovery codes go too; they enrol again.", params: IdParams, status: 204 },
  ({ ctx, params }) => resetTotp(ctx, params.id),
);
