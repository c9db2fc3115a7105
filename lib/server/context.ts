import { jsonLogger, type CoreContext, type Logger } from "@/lib/core/context";
import type { Actor } from "@/lib/core/auth/roles";
import { secretBox, type SecretBox } from "@/lib/core/crypto/secret-box";
import { db } from "@/lib/server/db";
import { loadSecretKey } from "@/lib/server/secret-key";

const g = globalThis as unknown as { virtshieldSecrets?: SecretBox; virtshieldLog?: Logger };

export function secrets(): SecretBox {
  return (g.virtshieldSecrets ??= secretBox(loadSecretKey()));
}

export function logger(): Logger {
  return (g.virtshieldLog ??= jsonLogger());
}

export function serverContext(actor: Actor): CoreContext {
  return { db: db(), actor, now: () => new Date(), secrets: secrets(), log: logger() };
}
