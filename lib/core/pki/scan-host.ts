import type { Db } from "@/lib/core/context";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { z } from "zod";
import { isDomainError } from "@/lib/core/errors";
import { defineJob } from "@/lib/core/jobs/define-job";
import { connectStep } from "@/lib/core/jobs/connect-step";
import { Id } from "@/lib/core/validation";
import type { HostConnection } from "@/lib/core/ssh/types";
import { certificateColumns, type CertificateKind } from "@/lib/core/pki/certificate-rows";
import type { DRIFT_STATUSES } from "@/lib/core/pki/certificate-enums";
import { DEPLOYED_CERTIFICATES } from "@/lib/core/pki/deployed-paths";

export type DriftStatus = (typeof DRIFT_STATUSES)[number];

export interface ScanEntry {
  path: string;
  kind: CertificateKind;
  status: DriftStatus;
  serial?: string;
  notAfter?: string;
  detail?: string;
}

async function readDeployed(conn: HostConnection): Promise<{ path: string; kind: CertificateKind; pem: string | null }[]> {
  const out = [];
  for (const f of DEPLOYED_CERTIFICATES) {
    const buf = await conn.readFile(f.path);
    out.push({ ...f, pem: buf ? buf.toString("utf8") : null });
  }
  return out;
}

// Reads what is really on the host, records it as "scanned", and compares it with what the CA issued.
export async function scanHost(db: Db, conn: HostConnection, hostId: string, now: Date): Promise<ScanEntry[]> {
  const issued = await db.certificate.findMany({ where: { hostId, source: "issued", current: true } });
  // The host's name goes on each row: the rows outlive the host.
  const [host, ca] = await Promise.all([db.host.findUniqueOrThrow({ where: { id: hostId }, select: { name: true } }), getActiveCa(db)]);
  const entries: ScanEntry[] = [];
  const rows = [];
  for (const f of await readDeployed(conn)) {
    if (f.pem === null) {
      entries.push({ path: f.path, kind: f.kind, status: "missing" });
      continue;
    }
    let cols;
    try {
      cols = certificateColumns(f.pem);
    } catch (e) {
      entries.push({ path: f.path, kind: f.kind, status: "unreadable", detail: isDomainError(e) ? e.message : "not a certificate" });
      continue;
    }
    const expected = f.kind === "ca" ? ca?.serial : issued.find((i) => i.kind === f.kind)?.serial;
    const status: DriftStatus = !expected ? "not-issued-here" : expected === cols.serial ? "matches-issued" : "differs-from-issued";
    entries.push({ path: f.path, kind: f.kind, status, serial: cols.serial, notAfter: cols.notAfter.toISOString() });
    rows.push({ hostId, hostName: host.name, kind: f.kind, source: "scanned", path: f.path, ...cols, createdAt: now });
  }
  await db.$transaction([
    db.certificate.updateMany({ where: { hostId, source: "scanned", current: true }, data: { current: false } }),
    ...rows.map((data) => db.certificate.create({ data })),
  ]);
  return entries;
}

export const scanJob = defineJob({
  kind: "scan",
  input: z.strictObject({ hostId: Id }),
  permission: "jobs:run",
  locks: (input) => [input.hostId],
  run: async (ctx, job, { hostId }) => {
    const { host, conn } = await connectStep(ctx, job.report, hostId);
    try {
      const entries = await job.report.step("read deployed certificates", () => scanHost(ctx.db, conn, host.id, ctx.now()), (e) =>
        e.map((x) => `${x.path}: ${x.status}`).join("; "),
      );
      return { hostId, entries };
    } finally {
      await conn.close();
    }
  },
});
