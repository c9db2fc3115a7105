import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { importHosts } from "@/lib/core/inventory/import-hosts";

const Body = z.strictObject({ format: z.enum(["csv", "json"]), content: z.string().max(1024 * 1024) });

export const POST = apiRoute("hosts:write", async ({ ctx, body }) => {
  const { format, content } = parseInput(Body, await body());
  return importHosts(ctx, content, format);
}, { status: 201 });
