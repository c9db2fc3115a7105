import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput } from "@/lib/core/validation";
import { observeHostKey, pinHostKey } from "@/lib/core/hosts/host-key";

const Body = z.strictObject({ fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "SHA256:<43 base64 characters>").optional() });

// {} shows the key the host offers now; {fingerprint} pins it if it is still what the host offers.
export const POST = apiRoute<{ id: string }>("hosts:write", async ({ ctx, params, body }) => {
  const { fingerprint } = parseInput(Body, await body());
  return fingerprint ? pinHostKey(ctx, params.id, fingerprint) : observeHostKey(ctx, params.id);
});
