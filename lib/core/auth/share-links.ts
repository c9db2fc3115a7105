import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { hashToken, newOpaqueToken } from "@/lib/core/auth/opaque-token";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";
import { SHARE_LINK_DEFAULT_DAYS, SHARE_LINK_MAX_DAYS } from "./share-link-limits";

// A share link opens the wall screen (/wall?key=<token>) and nothing else: it is not an actor,
// it carries no role, and nothing but the wall page ever resolves it.

export { SHARE_LINK_DEFAULT_DAYS, SHARE_LINK_MAX_DAYS };
const PREFIX = "vsw";
// newOpaqueToken: the prefix, "_", then 32 random bytes in base64url (43 characters).
const KEY_SHAPE = /^vsw_[A-Za-z0-9_-]{43}$/;

export const NewShareLink = z.object({
  name: z.string().trim().regex(/^[a-zA-Z0-9 ._-]{1,64}$/, "1-64 letters, digits, spaces, '.', '_' or '-'"),
  expiresInDays: z.number().int().min(1).max(SHARE_LINK_MAX_DAYS).default(SHARE_LINK_DEFAULT_DAYS),
});
export type NewShareLink = z.input<typeof NewShareLink>;

export interface PublicShareLink {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export type ShareLinkStatus = "active" | "expired" | "revoked";

export function shareLinkStatus(link: Pick<PublicShareLink, "expiresAt" | "revokedAt">, now: Date): ShareLinkStatus {
  if (link.revokedAt) return "revoked";
  return new Date(link.expiresAt) <= now ? "expired" : "active";
}

const toPublic = (r: { id: string; name: string; createdBy: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null }): PublicShareLink => ({
  id: r.id, name: r.name, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null,
});

// The key is in this one answer only; the database keeps its SHA-256.
export async function createShareLink(ctx: CoreContext, input: unknown): Promise<PublicShareLink & { key: string }> {
  requirePermission(ctx.actor, "users:admin");
  const { name, expiresInDays } = parseInput(NewShareLink, input);
  const { token, hash } = newOpaqueToken(PREFIX);
  const expiresAt = new Date(ctx.now().getTime() + expiresInDays * 86_400_000);
  const row = await ctx.db.shareLink.create({ data: { name, tokenHash: hash, createdBy: ctx.actor.name, createdAt: ctx.now(), expiresAt } });
  await recordAudit(ctx, { action: "share-link.create", targetType: "share-link", targetId: row.id, detail: { name, expiresAt: expiresAt.toISOString() } });
  return { ...toPublic(row), key: token };
}

export async function revokeShareLink(ctx: CoreContext, id: string): Promise<void> {
  requirePermission(ctx.actor, "users:admin");
  const { count } = await ctx.db.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: ctx.now() } });
  if (count === 0) throw new DomainError("NOT_FOUND", "No such active share link");
  await recordAudit(ctx, { action: "share-link.revoke", targetType: "share-link", targetId: id });
}

export async function listShareLinks(db: Db): Promise<PublicShareLink[]> {
  return (await db.shareLink.findMany({ orderBy: { createdAt: "desc" } })).map(toPublic);
}

// The link a key belongs to, or null: unknown, malformed, revoked and expired keys alike. The
// lookup is by the key's SHA-256, so no comparison ever runs over the secret itself and its
// timing tells nothing about it.
export async function resolveShareLink(db: Db, key: string | undefined | null, now: Date): Promise<PublicShareLink | null> {
  if (!key || !KEY_SHAPE.test(key)) return null;
  const row = await db.shareLink.findUnique({ where: { tokenHash: hashToken(key) } });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  return toPublic(row);
}
