import type { JobHandler } from "@/lib/core/jobs/runner";
import { factsJobHandler } from "@/lib/core/facts/facts-job";
import { scanJobHandler } from "@/lib/core/pki/scan-host";
import { renewalJobHandler } from "@/lib/core/pki/renewal";
import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import { sshConnector } from "@/lib/core/ssh/host-connector";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { secrets, serverContext } from "@/lib/server/context";

// Every job kind the runner knows, wired to the real database and SSH.
export function jobHandlers(): Record<string, JobHandler> {
  const deps = { db: db(), connect: sshConnector({ db: db(), secrets: secrets() }, env().VIRTSHIELD_SSH_TIMEOUT_MS), now: () => new Date() };
  return {
    facts: factsJobHandler(deps),
    scan: scanJobHandler(deps),
    renew: renewalJobHandler(() => serverContext(SYSTEM_ACTOR)),
  };
}
