import { apiRoute } from "@/lib/server/route";
import { DomainError } from "@/lib/core/errors";
import { createCa } from "@/lib/core/pki/authority";
import { getActiveCa } from "@/lib/core/pki/active-ca";

export const GET = apiRoute("read", async ({ ctx }) => {
  const ca = await getActiveCa(ctx.db);
  if (!ca) throw new DomainError("NOT_FOUND", "No certificate authority yet");
  return ca;
});
export const POST = apiRoute("ca:admin", async ({ ctx, body }) => createCa(ctx, await body()), { status: 201 });
