import { apiRoute } from "@/lib/server/route";
import { getHost } from "@/lib/core/inventory/hosts";
import { issueForHost } from "@/lib/core/pki/issue-for-host";
import { listCertificates } from "@/lib/core/pki/certificate-rows";

type P = { id: string };
export const GET = apiRoute<P>("read", async ({ ctx, params }) => {
  await getHost(ctx.db, params.id);
  return listCertificates(ctx.db, ctx.now(), { hostId: params.id });
});
export const POST = apiRoute<P>("certs:issue", ({ ctx, params }) => issueForHost(ctx, params.id), { status: 201 });
