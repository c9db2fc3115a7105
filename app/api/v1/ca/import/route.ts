import { apiRoute } from "@/lib/server/route";
import { Ca } from "@/lib/server/api-schemas";
import { ImportCa, importExistingCa } from "@/lib/core/pki/authority";

export const POST = apiRoute(
  { permission: "ca:admin", summary: "Import an existing CA with its private key", body: ImportCa, response: Ca, status: 201 },
  ({ ctx, body }) => importExistingCa(ctx, body),
);
