import { z } from "zod";
import { apiRoute } from "@/lib/server/route";
import { parseInput, Sha256Fingerprint } from "@/lib/core/validation";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";

const Body = z.strictObject({ fingerprint: Sha256Fingerprint.optional() });

// {} shows the key the host offers now; {fingerprint} pins it if it is still what the host offers.
export const POST = apiRoute<{ id: string }>("hosts:write", async ({ ctx, params, body }) => {
  const { fingerprint } = parseInput(Body, await body());
  return fingerprint ? pinHostKey(ctx, params.id, fingerprint) : observeHostKey(ctx, params.id);
});
