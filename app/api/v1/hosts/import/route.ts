import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { IMPORT_MAX_BYTES, importHosts } from "@/lib/core/inventory/import-hosts";

const Body = z.strictObject({ format: z.enum(["csv", "json"]), content: z.string().max(IMPORT_MAX_BYTES) });

export const POST = apiRoute(
  {
    permission: "hosts:write",
    summary: "Bulk import hosts, all or nothing",
    description: "Every row is validated and canonicalised as one created host is; one bad row writes nothing.",
    body: Body,
    response: z.object({ created: z.number().int() }),
    status: 201,
  },
  ({ ctx, body }) => importHosts(ctx, body.content, body.format),
);
