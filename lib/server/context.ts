import { jsonLogger, type CoreContext, type JobControl, type Logger } from "@/lib/core/context";
import type { Actor } from "@/lib/core/auth/roles";
import { secretBox, type SecretBox } from "@/lib/core/crypto/secret-box";
import { db } from "@/lib/server/db";
import { loadSecretKey } from "@/lib/server/secret-key";

const g = globalThis as unknown as { virtshieldSecrets?: SecretBox; virtshieldLog?: Logger; virtshieldJobs?: JobControl };

export function secrets(): SecretBox {
  return (g.virtshieldSecrets ??= secretBox(loadSecretKey()));
}

export function logger(): Logger {
  return (g.virtshieldLog ??= jsonLogger());
}

// The job runner registers itself here, so core verbs that queue or cancel jobs can reach it.
export function registerJobControl(control: JobControl): void {
  g.virtshieldJobs = control;
}

export function serverContext(actor: Actor): CoreContext {
  return { db: db(), actor, now: () => new Date(), secrets: secrets(), log: logger(), jobs: g.virtshieldJobs };
}
