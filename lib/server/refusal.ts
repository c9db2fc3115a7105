import type { Actor } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { db } from "@/lib/server/db";

const ANONYMOUS: Actor = { type: "system", id: null, name: "anonymous", role: "viewer" };

// Every attempt turned away at an edge (no session or token, wrong role, cross-origin) is on record.
export async function recordRefusal(actor: Actor | null, action: string, reason: string): Promise<void> {
  await recordAudit({ db: db(), actor: actor ?? ANONYMOUS, now: () => new Date() }, { action, result: "refused", detail: { reason } });
}
