import { apiRoute, IdParams } from "@/lib/server/route";
import { endSession } from "@/lib/core/auth/sessions";

export const DELETE = apiRoute(
  { permission: "read", summary: "End a session: one's own, or anyone's for an admin", params: IdParams, status: 204 },
  ({ ctx, params }) => endSession(ctx, params.id),
);
