import type { Db } from "@/lib/core/context";
import { z } from "zod";
import { Id } from "@/lib/core/validation";
import { defineJob } from "@/lib/core/jobs/define-job";
import { connectStep } from "@/lib/core/jobs/connect-step";
import { gatherFacts } from "@/lib/core/facts/gather-facts";
import type { HostFacts } from "@/lib/core/facts/facts";

export async function saveFacts(db: Db, hostId: string, facts: HostFacts, at: Date): Promise<void> {
  const data = JSON.stringify(facts);
  await db.hostFacts.upsert({ where: { hostId }, create: { hostId, data, gatheredAt: at }, update: { data, gatheredAt: at } });
}

export async function readFacts(db: Db, hostId: string): Promise<{ facts: HostFacts; gatheredAt: string } | null> {
  const row = await db.hostFacts.findUnique({ where: { hostId } });
  return row ? { facts: JSON.parse(row.data) as HostFacts, gatheredAt: row.gatheredAt.toISOString() } : null;
}

// The "facts" job: connect with the pinned key, read the host, store what was found.
export const factsJob = defineJob({
  kind: "facts",
  input: z.strictObject({ hostId: Id }),
  permission: "jobs:run",
  locks: (input) => [input.hostId],
  run: async (ctx, job, { hostId }) => {
    const { host, conn } = await connectStep(ctx, job.report, hostId);
    try {
      await job.report.progress(30);
      const facts = await job.report.step("gather facts", () => gatherFacts(conn, ctx.now()), (f) => `libvirt ${f.libvirtVersion ?? "?"}, QEMU ${f.qemuVersion ?? "?"}`);
      await job.report.progress(90);
      await job.report.step("store facts", () => saveFacts(ctx.db, host.id, facts, ctx.now()));
      return { hostId, libvirtVersion: facts.libvirtVersion, qemuVersion: facts.qemuVersion };
    } finally {
      await conn.close();
    }
  },
});
