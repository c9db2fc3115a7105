import { apiRoute } from "@/lib/server/route";
import { Crl } from "@/lib/server/api-schemas";
import { currentCrl, publishCrl } from "@/lib/core/pki/crl";

export const GET = apiRoute({ permission: "read", summary: "The current CRL as PEM", produces: "application/pkix-crl" }, async ({ ctx }) =>
  new Response(await currentCrl(ctx.db), { headers: { "content-type": "application/pkix-crl; charset=us-ascii" } }),
);

export const POST = apiRoute({ permission: "ca:admin", summary: "Publish a new CRL", response: Crl, status: 201 }, ({ ctx }) => publishCrl(ctx));
