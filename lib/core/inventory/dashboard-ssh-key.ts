import type { CoreContext } from "@/lib/core/context";
import { generateSshKeyPair } from "@/lib/core/ssh/keypair";
import { isUniqueViolation } from "@/lib/core/db-errors";

const PUBLIC = "ssh.publicKey";
const PRIVATE = "ssh.privateKey";

// The dashboard's own SSH identity: generated once, the private half sealed at rest.
export async function ensureDashboardSshKey(ctx: Pick<CoreContext, "db" | "secrets">): Promise<{ publicKey: string; created: boolean }> {
  const existing = await ctx.db.setting.findUnique({ where: { key: PUBLIC } });
  if (existing) return { publicKey: existing.value, created: false };
  const pair = generateSshKeyPair("virtshield");
  try {
    await ctx.db.$transaction([
      ctx.db.setting.create({ data: { key: PRIVATE, value: ctx.secrets.seal(pair.privateKey), encrypted: true } }),
      ctx.db.setting.create({ data: { key: PUBLIC, value: pair.publicKey } }),
    ]);
  } catch (e) {
    // Another request made the key first: theirs is the one.
    if (!isUniqueViolation(e)) throw e;
    return { publicKey: (await ctx.db.setting.findUniqueOrThrow({ where: { key: PUBLIC } })).value, created: false };
  }
  return { publicKey: pair.publicKey, created: true };
}

export async function dashboardPrivateKey(ctx: Pick<CoreContext, "db" | "secrets">): Promise<string> {
  await ensureDashboardSshKey(ctx);
  const row = await ctx.db.setting.findUniqueOrThrow({ where: { key: PRIVATE } });
  return ctx.secrets.open(row.value);
}
