"use server";
import { z } from "zod";
import { createShareLink, revokeShareLink, SHARE_LINK_DEFAULT_DAYS } from "@/lib/core/auth/share-links";
import { Id } from "@/lib/core/validation";
import { runFormAction, type ActionState } from "@/lib/server/action";

const NewLinkForm = z.object({
  name: z.string().trim(),
  expiresInDays: z.string().trim().optional().transform((s) => (s ? Number(s) : SHARE_LINK_DEFAULT_DAYS)),
});

// The key is in this one answer only; the database keeps its hash.
export async function createShareLinkAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "share-link.create", form, NewLinkForm, ({ ctx, input }) => createShareLink(ctx, input));
}

export async function revokeShareLinkAction(_prev: ActionState, form: FormData) {
  return runFormAction("users:admin", "share-link.revoke", form, z.object({ id: Id }), ({ ctx, input }) => revokeShareLink(ctx, input.id));
}
