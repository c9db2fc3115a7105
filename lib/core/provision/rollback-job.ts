import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import { Id } from "@/lib/core/validation";
import { recordAudit } from "@/lib/core/audit/record";
import { defineJob } from "@/lib/core/jobs/define-job";
import type { Db } from "@/lib/core/context";
import type { BackupManifest } from "@/lib/core/provision/backup";
import { restoreBackup } from "@/lib/core/provision/rollback";

export async function listBackups(db: Db, hostId: string) {
  const rows = await db.hostBackup.findMany({ where: { hostId }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((b) => ({
    id: b.id, dir: b.dir, jobId: b.jobId, createdAt: b.createdAt.toISOString(), restoredAt: b.restoredAt?.toISOString() ?? null,
    files: (JSON.parse(b.manifest) as BackupManifest).entries.map((e) => e.path),
  }));
}

// An operator puts a host back to a chosen backup: the files as they were, sockets and the
// product's firewall table as they were, the daemon restarted and answering.
export const rollbackJob = defineJob({
  kind: "rollback",
  input: z.strictObject({ hostId: Id, backupId: Id }),
  permission: "jobs:run",
  locks: (i) => [i.hostId],
  precondition: async (ctx, { hostId, backupId }) => {
    const b = await ctx.db.hostBackup.findUnique({ where: { id: backupId } });
    if (!b || b.hostId !== hostId) throw new DomainError("NOT_FOUND", "No such backup for this host");
  },
  run: async (ctx, { report }, { hostId, backupId }) => {
    const backup = await ctx.db.hostBackup.findUniqueOrThrow({ where: { id: backupId } });
    const manifest = JSON.parse(backup.manifest) as BackupManifest;
    const daemon = (await ctx.db.hostFacts.findUnique({ where: { hostId } }).then((f) => (f ? (JSON.parse(f.data) as { tlsDaemon?: string }).tlsDaemon : undefined))) ?? "libvirtd";
    await ctx.ssh.use(hostId, (conn) => report.step("restore", () => restoreBackup(conn, manifest, daemon), () => `${manifest.dir}: ${manifest.entries.length} file(s); ${daemon} answers`));
    await ctx.db.hostBackup.update({ where: { id: backupId }, data: { restoredAt: ctx.now() } });
    await ctx.db.hostProvision.deleteMany({ where: { hostId } });
    await recordAudit(ctx, { action: "host.rollback", targetType: "host", targetId: hostId, detail: { backupId, dir: manifest.dir } });
    return { hostId, backupId, dir: manifest.dir };
  },
});
