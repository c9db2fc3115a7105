import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { User } from "@/lib/server/api-schemas";
import { createUser, listUsers, NewUser } from "@/lib/core/auth/users";

export const GET = apiRoute({ permission: "users:admin", summary: "List users", response: z.array(User) }, ({ ctx }) => listUsers(ctx.db));

export const POST = apiRoute(
  { permission: "users:admin", summary: "Create a user", body: NewUser, response: User, status: 201 },
  ({ ctx, body }) => createUser(ctx, body),
);
