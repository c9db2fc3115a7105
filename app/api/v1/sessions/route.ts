import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { Session, SessionQuery } from "@/lib/server/account-schemas";
import { listSessions } from "@/lib/core/auth/sessions";

export const GET = apiRoute(
  { permission: "read", summary: "List active sessions: one's own, or everyone's with all=1 (admins)", query: SessionQuery, response: z.array(Session) },
  ({ ctx, query }) => listSessions(ctx, { all: query.all === "1" }),
);
