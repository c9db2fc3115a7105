import { z } from "zod";
import { apiRoute, IdParams } from "@/lib/server/route";
import { Sha256Fingerprint } from "@/lib/core/validation";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";

const Body = z.strictObject({ fingerprint: Sha256Fingerprint.optional() });
const HostKeyState = z.object({
  hostId: z.string(),
  fingerprint: z.string().describe("what the host offers now"),
  keyType: z.string(),
  pinned: z.string().nullable(),
  known: z.string().nullable().describe("the key recorded for this address and port, whatever host row pinned it"),
  matchesPin: z.boolean().nullable(),
});

export const POST = apiRoute(
  {
    permission: "hosts:write",
    summary: "Show the SSH host key the host offers, or pin it",
    description: "`{}` shows the key; `{fingerprint}` pins it if it is still what the host offers (422 otherwise).",
    params: IdParams,
    body: Body,
    response: HostKeyState,
  },
  ({ ctx, params, body: { fingerprint } }) => (fingerprint ? pinHostKey(ctx, params.id, fingerprint) : observeHostKey(ctx, params.id)),
);
