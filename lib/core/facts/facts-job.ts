import type { Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import type { JobHandler } from "@/lib/core/jobs/runner";
import { getHost } from "@/lib/core/inventory/hosts";
import type { Connector } from "@/lib/core/ssh/host-connector";
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
export function factsJobHandler(deps: { db: Db; connect: Connector; now: () => Date }): JobHandler {
  return async ({ hostId, report }) => {
    if (!hostId) throw new DomainError("VALIDATION", "A facts job needs a host");
    const host = await getHost(deps.db, hostId);
    const conn = await report.step("connect", () => deps.connect(host), () => `${host.sshUser}@${host.address}:${host.sshPort}`);
    try {
      await report.progress(30);
      const facts = await report.step("gather facts", () => gatherFacts(conn, deps.now()), (f) => `libvirt ${f.libvirtVersion ?? "?"}, QEMU ${f.qemuVersion ?? "?"}`);
      await report.progress(90);
      await report.step("store facts", () => saveFacts(deps.db, hostId, facts, deps.now()));
      return { hostId, libvirtVersion: facts.libvirtVersion, qemuVersion: facts.qemuVersion };
    } finally {
      await conn.close();
    }
  };
}
