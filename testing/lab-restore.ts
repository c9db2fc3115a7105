// Shared by the lab tests that change hosts: a root login to look at hosts from outside the
// product, and the way back to the seeds' insecure start (each host's first backup).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { JobView } from "@/lib/core/jobs/job-store";
import { openConnection } from "@/lib/core/ssh/connect";
import type { HostConnection } from "@/lib/core/ssh/types";
import { readLab } from "@/e2e/lab/lab";

export async function labRootConnections(names?: string[]): Promise<Record<string, HostConnection>> {
  const lab = readLab();
  const out: Record<string, HostConnection> = {};
  for (const h of lab.hosts.filter((x) => !names || names.includes(x.name))) {
    out[h.name] = await openConnection({ address: h.address, port: h.sshPort, username: "root", privateKey: lab.privateKey, pinnedFingerprint: h.hostKeyFingerprint });
  }
  return out;
}

// The product's own rollback job puts each host back; a failure is reported, the others go on.
export async function restoreFirstBackups(db: PrismaClient, ids: Record<string, string>, run: (kind: string, input: unknown) => Promise<JobView>): Promise<void> {
  for (const [name, hostId] of Object.entries(ids)) {
    const first = await db.hostBackup.findFirst({ where: { hostId }, orderBy: { createdAt: "asc" } });
    if (!first) continue;
    const job = await run("rollback", { hostId, backupId: first.id });
    if (job.state !== "succeeded") console.error(`could not restore ${name}: ${job.error}`);
  }
}
