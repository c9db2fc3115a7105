import { apiRoute } from "@/lib/server/route";
import { Ca } from "@/lib/server/api-schemas";
import { DomainError } from "@/lib/core/errors";
import { createCa, NewCa } from "@/lib/core/pki/authority";
import { getActiveCa } from "@/lib/core/pki/active-ca";

export const GET = apiRoute(
  { permission: "read", summary: "The active certificate authority (404 before there is one)", response: Ca },
  async ({ ctx }) => {
    const ca = await getActiveCa(ctx.db);
    if (!ca) throw new DomainError("NOT_FOUND", "No certificate authority yet");
    return ca;
  },
);

export const POST = apiRoute(
  { permission: "ca:admin", summary: "Generate a new CA", body: NewCa, response: Ca, status: 201 },
  ({ ctx, body }) => createCa(ctx, body),
);
