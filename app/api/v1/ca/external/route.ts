import { apiRoute } from "@/lib/server/route";
import { Ca } from "@/lib/server/api-schemas";
import { ExternalCa, useExternalCa } from "@/lib/core/pki/authority";

export const POST = apiRoute(
  {
    permission: "ca:admin",
    summary: "Use an external CA",
    description: "The certificate only: hosts are not issued certificates here, scans compare against it.",
    body: ExternalCa,
    response: Ca,
    status: 201,
  },
  ({ ctx, body }) => useExternalCa(ctx, body),
);
