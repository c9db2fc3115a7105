import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";

export const PkiSettings = z.strictObject({
  organization: z.string().regex(/^[a-zA-Z0-9 ._-]{1,64}$/, "1-64 letters, digits, spaces, '.', '_' or '-'"),
  leafValidityDays: z.number().int().min(1).max(3650),
  leafKeyBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]),
  renewBeforeDays: z.number().int().min(1).max(365),
});
export type PkiSettings = z.infer<typeof PkiSettings>;

export const DEFAULT_PKI_SETTINGS: PkiSettings = { organization: "virtshield", leafValidityDays: 365, leafKeyBits: 2048, renewBeforeDays: 30 };
const KEY = "pki.settings";

export async function getPkiSettings(db: Db): Promise<PkiSettings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return row ? { ...DEFAULT_PKI_SETTINGS, ...PkiSettings.partial().parse(JSON.parse(row.value)) } : DEFAULT_PKI_SETTINGS;
}

export async function updatePkiSettings(ctx: CoreContext, input: unknown): Promise<PkiSettings> {
  requirePermission(ctx.actor, "ca:admin");
  const next = { ...(await getPkiSettings(ctx.db)), ...parseInput(PkiSettings.partial(), input) };
  const value = JSON.stringify(next);
  await ctx.db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  await recordAudit(ctx, { action: "pki.settings", detail: next });
  return next;
}
