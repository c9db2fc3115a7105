import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { isDomainError } from "@/lib/core/errors";
import { Id } from "@/lib/core/validation";
import { defineJob } from "@/lib/core/jobs/define-job";
import { connectStep } from "@/lib/core/jobs/connect-step";
import type { HostView } from "@/lib/core/inventory/host-view";
// One fleet for both: provisioning writes these DNs into tls_allowed_dn_list, validation looks for them.
import { fleetOf } from "@/lib/core/provision/gather-plan-input";
import type { HostFacts } from "@/lib/core/facts/facts";
import { gatherFacts } from "@/lib/core/facts/gather-facts";
import { readFacts, saveFacts } from "@/lib/core/facts/facts-job";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { currentCrl } from "@/lib/core/pki/crl";
import { getPkiSettings } from "@/lib/core/pki/settings";
import { checkPki } from "./check-pki";
import { deployedCaFingerprints } from "./check-sets";
import { countBySeverity } from "./findings";
import type { PkiSnapshot } from "./pki-snapshot";
import { readPkiSnapshot } from "./read-pki-snapshot";
import { currentIssuedSerials, peerCaFingerprints, readValidation, saveValidation, type HostValidationView } from "./validation-store";

async function productCrl(db: Db): Promise<string | null> {
  try {
    return await currentCrl(db);
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

// Judges a snapshot against what the dashboard holds now, and stores the result as the host's latest.
export async function validateSnapshot(db: Db, host: HostView, facts: Pick<HostFacts, "qemuUser" | "qemuGroup" | "tlsDaemon" | "libvirtMode">, snapshot: PkiSnapshot, now: Date, jobId: string | null): Promise<HostValidationView> {
  const [ca, crlPem, settings, fleet, peers, issuedSerials] = await Promise.all([
    getActiveCa(db), productCrl(db), getPkiSettings(db), fleetOf({ db }, host).then((f) => f.clientDns), peerCaFingerprints(db, host), currentIssuedSerials(db, host.id),
  ]);
  const findings = checkPki({
    snapshot, host, qemuUser: facts.qemuUser, qemuGroup: facts.qemuGroup, daemon: facts.tlsDaemon, libvirtMode: facts.libvirtMode,
    ca: ca ? { certificatePem: ca.certificatePem, crlPem } : null,
    fleetClientDns: fleet, peerCaFingerprints: peers, issuedSerials, renewBeforeDays: settings.renewBeforeDays, now,
  });
  await saveValidation(db, host.id, { findings, counts: countBySeverity(findings), caFingerprints: deployedCaFingerprints({ snapshot }), jobId }, now);
  return (await readValidation(db, host.id))!;
}

// The "validate" job: one read of the host's PKI over SSH, the checks, the findings stored.
export const validateJob = defineJob({
  kind: "validate",
  input: z.strictObject({ hostId: Id }),
  permission: "jobs:run",
  // Held so a provisioning run cannot change the files halfway through the read.
  locks: (input) => [input.hostId],
  run: async (ctx, job, { hostId }) => {
    const { host, conn } = await connectStep(ctx, job.report, hostId);
    try {
      const stored = await readFacts(ctx.db, hostId);
      const facts = stored?.facts ?? (await job.report.step("gather facts", async () => {
        const f = await gatherFacts(conn, ctx.now());
        await saveFacts(ctx.db, hostId, f, ctx.now());
        return f;
      }, (f) => `QEMU runs as ${f.qemuUser}:${f.qemuGroup}`));
      await job.report.progress(30);
      const snapshot = await job.report.step("read PKI files", () => readPkiSnapshot(conn, facts.qemuUser, ctx.now), (s) => `${s.stats.filter((x) => x.exists).length} of ${s.stats.length} paths present`);
      await job.report.progress(80);
      const result = await job.report.step("check", () => validateSnapshot(ctx.db, host, facts, snapshot, ctx.now(), job.id), (r) =>
        `${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.ok} passed`);
      return { hostId, counts: result.counts };
    } finally {
      await conn.close();
    }
  },
});
