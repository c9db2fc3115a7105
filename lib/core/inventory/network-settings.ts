import { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { parseInput } from "@/lib/core/validation";
import { parseNetwork, refusedHostAddress, type Network } from "@/lib/core/inventory/address-policy";

export const NETWORK_SETTINGS_KEY = "network.allowedHostNetworks";
export const MAX_ALLOWED_NETWORKS = 256;

const CidrText = z
  .string()
  .max(64)
  .refine((s) => parseNetwork(s) !== null, {
    error: (iss) => `${JSON.stringify(String(iss.input).slice(0, 64))} is not a network such as 198.18.0.0/24 or fd00::/8, or one address`,
  });

export const NetworkSettings = z.strictObject({
  /** Empty: any address except loopback, link-local and this-host. */
  allowedHostNetworks: z.array(CidrText).max(MAX_ALLOWED_NETWORKS),
});
export type NetworkSettings = z.infer<typeof NetworkSettings>;

const Stored = z.array(CidrText);

// Only updateNetworkSettings writes the row; one that does not read back is refused rather than
// read as "any address", which would widen what the admin set.
function readStored(value: string): string[] {
  let parsed: ReturnType<typeof Stored.safeParse> | undefined;
  try {
    parsed = Stored.safeParse(JSON.parse(value));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new DomainError("INTERNAL", "The allowed host networks setting is unreadable: save it again under Settings");
  return parsed.data;
}

export async function getNetworkSettings(db: Db): Promise<NetworkSettings> {
  const row = await db.setting.findUnique({ where: { key: NETWORK_SETTINGS_KEY } });
  return { allowedHostNetworks: row ? readStored(row.value) : [] };
}

export async function allowedHostNetworks(db: Db): Promise<Network[]> {
  const { allowedHostNetworks: texts } = await getNetworkSettings(db);
  return texts.map((t) => parseNetwork(t) as Network);
}

export async function updateNetworkSettings(ctx: CoreContext, input: unknown): Promise<NetworkSettings> {
  requirePermission(ctx.actor, "settings:admin");
  const parsed = parseInput(NetworkSettings, input);
  const canonical = [...new Set(parsed.allowedHostNetworks.map((t) => (parseNetwork(t) as Network).text))];
  const value = JSON.stringify(canonical);
  await ctx.db.setting.upsert({ where: { key: NETWORK_SETTINGS_KEY }, create: { key: NETWORK_SETTINGS_KEY, value }, update: { value } });
  await recordAudit(ctx, { action: "settings.network", detail: { allowedHostNetworks: canonical } });
  return { allowedHostNetworks: canonical };
}

// The one call inventory makes when an address is created or changed.
export async function assertHostAddressAllowed(db: Db, address: string, field = "address"): Promise<void> {
  const reason = refusedHostAddress(address, await allowedHostNetworks(db));
  if (reason) throw new DomainError("VALIDATION", reason, { fieldErrors: { [field]: [reason] } });
}
