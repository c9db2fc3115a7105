import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { resetUserPassword } from "@/lib/core/auth/manage-users";

export const PUT = apiRoute(
  {
    permission: "users:admin",
    summary: "Set a new password for a user (admin reset)",
    description: "Refused with the reason when it is only spaces, has control characters, or is a common or easily guessed password. The user's sessions end.",
    params: IdParams,
    body: z.strictObject({ password: z.string() }),
    status: 204,
  },
  ({ ctx, params, body }) => resetUserPassword(ctx, params.id, body),
);
