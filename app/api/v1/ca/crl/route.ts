import { apiRoute } from "@/lib/server/route";
import { currentCrl, publishCrl } from "@/lib/core/pki/crl";

export const GET = apiRoute("read", async ({ ctx }) =>
  new Response(await currentCrl(ctx.db), { headers: { "content-type": "application/pkix-crl; charset=us-ascii" } }),
);
export const POST = apiRoute("ca:admin", async ({ ctx }) => publishCrl(ctx), { status: 201 });
