import { headers } from "next/headers";
import type { Actor } from "@/lib/core/auth/roles";
import { recordAudit, recordAuditLimited } from "@/lib/core/audit/record";
import { clientAddress } from "@/lib/server/client-address";
import { db } from "@/lib/server/db";

const ANONYMOUS: Actor = { type: "system", id: null, name: "anonymous", role: "viewer" };
// Anonymous refusals cost the sender nothing: a few rows a minute per address, the rest dropped.
const ANONYMOUS_REFUSALS_PER_MINUTE = 30;

async function requestAddress(): Promise<string> {
  try {
    return clientAddress(await headers());
  } catch {
    return "unknown"; // outside a request (tests calling a handler directly)
  }
}

// Every attempt turned away at an edge (no session or token, wrong role, cross-origin) is on record.
export async function recordRefusal(actor: Actor | null, action: string, reason: string): Promise<void> {
  const ctx = { db: db(), actor: actor ?? ANONYMOUS, now: () => new Date() };
  if (actor) return recordAudit(ctx, { action, result: "refused", detail: { reason } });
  const address = await requestAddress();
  await recordAuditLimited(ctx, { action, result: "refused", detail: { reason, address } }, { key: `refusal:${address}`, perMinute: ANONYMOUS_REFUSALS_PER_MINUTE });
}
