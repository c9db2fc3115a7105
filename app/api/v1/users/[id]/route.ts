import { apiRoute, IdParams } from "@/lib/server/route";
import { UserState } from "@/lib/server/account-schemas";
import { updateUser, UserPatch } from "@/lib/core/auth/manage-users";

export const PATCH = apiRoute(
  {
    permission: "users:admin",
    summary: "Disable, enable or change the role of a user",
    description: "Disabling ends the user's sessions and the API tokens they minted at once. The last enabled admin cannot be disabled or demoted.",
    params: IdParams,
    body: UserPatch,
    response: UserState,
  },
  ({ ctx, params, body }) => updateUser(ctx, params.id, body),
);
