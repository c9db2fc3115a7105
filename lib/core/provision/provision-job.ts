import { z } from "zod";
import { DomainError, isDomainError } from "@/lib/core/errors";
import { Id, IpAddress } from "@/lib/core/validation";
import { defineJob, type JobContext, type JobReporter } from "@/lib/core/jobs/define-job";
import { connectStep } from "@/lib/core/jobs/connect-step";
import { gatherFacts } from "@/lib/core/facts/gather-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import type { HostView } from "@/lib/core/inventory/host-view";
import type { HostConnection } from "@/lib/core/ssh/types";
import { takeBackup, type BackupManifest } from "@/lib/core/provision/backup";
import { gatherPlanInput } from "@/lib/core/provision/gather-plan-input";
import { planProvision, planView, type PlanInput } from "@/lib/core/provision/plan-provision";
import { restoreBackup } from "@/lib/core/provision/rollback";
import { ProvisionMode, type ProvisionPlan } from "@/lib/core/provision/types";
import { verifyHost, type VerifyResult } from "@/lib/core/provision/verify";
import { applyFirewall, runService, writeFiles } from "@/lib/core/provision/write-plan";

export const ProvisionInput = z.strictObject({
  hostId: Id,
  mode: ProvisionMode.optional(),
  dryRun: z.boolean().default(false),
  // libvirtd's listen_addr; unset listens on every interface (the audit says so).
  listenAddr: IpAddress.optional(),
});

async function peerOf(ctx: JobContext, host: HostView) {
  const row = await ctx.db.hostProvision.findFirst({
    where: { hostId: { not: host.id }, host: { clusterId: host.clusterId, certificates: { some: { kind: "server", source: "issued", current: true, revokedAt: null } } } },
    orderBy: { appliedAt: "desc" },
    include: { host: true },
  });
  return row ? { name: row.host.name, address: row.host.migrationAddress ?? row.host.address } : undefined;
}

// Backup first, then the change; any failure after the backup puts the host back as it was.
async function applyWithRollback(ctx: JobContext, report: JobReporter, host: HostView, conn: HostConnection, input: PlanInput, plan: ProvisionPlan, jobId: string) {
  const manifest: BackupManifest = await report.step("back up", () => takeBackup(conn, plan, input.observed, ctx.now(), input.facts.units), (m) => `${m.entries.length} file(s) saved in ${m.dir}`);
  const backup = await ctx.db.hostBackup.create({ data: { hostId: host.id, hostName: host.name, dir: manifest.dir, manifest: JSON.stringify(manifest), jobId } });
  await report.progress(35);
  try {
    await report.step("write files", () => writeFiles(conn, plan, input.observed), (n) => `${n} file(s) written`);
    await report.step("firewall", () => applyFirewall(conn, plan), () => plan.firewall.note);
    await report.progress(55);
    await report.step("services", async () => { for (const s of plan.services) await runService(conn, s); }, () => plan.services.map((s) => s.kind).join(", ") || "none");
    await report.progress(70);
    return await verify(ctx, report, host, conn, input);
  } catch (e) {
    const cause = isDomainError(e) ? e.message : "unexpected error";
    await report.step("roll back", async () => {
      const fresh = (await ctx.ssh.open(host.id)).conn;
      try {
        await restoreBackup(fresh, manifest, plan.daemon);
      } finally {
        await fresh.close();
      }
      await ctx.db.hostBackup.update({ where: { id: backup.id }, data: { restoredAt: ctx.now() } });
    }, () => `restored ${manifest.dir}; ${plan.daemon} answers as before`).catch((re: unknown) => {
      throw new DomainError("REMOTE_COMMAND_FAILED", `${cause}. The rollback failed too: ${isDomainError(re) ? re.message : String(re)} — the backup is in ${manifest.dir}`, { cause: re });
    });
    throw new DomainError(isDomainError(e) ? e.code : "INTERNAL", `${cause}. The host was rolled back to its previous configuration (${manifest.dir}).`, { cause: e });
  }
}

async function verify(ctx: JobContext, report: JobReporter, host: HostView, conn: HostConnection, input: PlanInput): Promise<VerifyResult> {
  const result = await report.step("verify", async () =>
    verifyHost(conn, { name: host.name, address: host.address, migrationAddress: host.migrationAddress, daemon: input.facts.tlsDaemon, mode: input.mode, material: input.material, peer: await peerOf(ctx, host) }),
    (r) => r.checks.map((c) => c.detail).join("; "),
  );
  for (const w of result.warnings) await report.log(w);
  return result;
}

export const provisionJob = defineJob({
  kind: "provision",
  input: ProvisionInput,
  permission: "jobs:run",
  locks: (i) => [i.hostId],
  run: async (ctx, { id, report }, { hostId, mode, dryRun, listenAddr }) => {
    const { host, conn } = await connectStep(ctx, report, hostId);
    try {
      const input = await report.step("read the host", () => gatherPlanInput(ctx, conn, host, mode), (i) => `libvirt ${i.facts.libvirtVersion ?? "?"}, ${i.facts.libvirtMode}, firewall ${i.facts.firewall}`);
      input.options = { listenAddr };
      const plan = planProvision(input);
      await report.step("plan", async () => plan, (p) => p.summary);
      if (input.missingPeers.length) await report.log(`No client certificate yet for ${input.missingPeers.join(", ")}: not in tls_allowed_dn_list until they have one.`);
      for (const w of plan.warnings) await report.log(w);
      if (dryRun) return { plan: planView(plan) };
      await report.progress(25);
      const verified = plan.changed ? await applyWithRollback(ctx, report, host, conn, input, plan, id) : await verify(ctx, report, host, conn, input);
      await report.step("record", async () => {
        await ctx.db.hostProvision.upsert({ where: { hostId }, create: { hostId, mode: plan.mode, planHash: plan.hash, jobId: id, appliedAt: ctx.now() }, update: { mode: plan.mode, planHash: plan.hash, jobId: id, appliedAt: ctx.now() } });
        await saveFacts(ctx.db, hostId, await gatherFacts(conn, ctx.now()), ctx.now());
      });
      return { hostId, mode: plan.mode, changed: plan.changed, summary: plan.summary, checks: verified.checks, warnings: [...plan.warnings, ...verified.warnings] };
    } finally {
      await conn.close();
    }
  },
});

export const provisionFleetJob = defineJob({
  kind: "provision-fleet",
  input: z.strictObject({ hostIds: z.array(Id).min(1).max(1000), mode: ProvisionMode.optional(), parallelism: z.number().int().min(1).max(64).default(8) }),
  permission: "jobs:run",
  locks: () => [],
  // Every host must be pinned before anything starts: refused up front, not half-way through.
  precondition: async (ctx, input) => {
    const rows = await ctx.db.host.findMany({ where: { id: { in: input.hostIds } }, select: { id: true, name: true, hostKeyFingerprint: true } });
    const missing = input.hostIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new DomainError("NOT_FOUND", `No such host: ${missing.slice(0, 5).join(", ")}`);
    const unpinned = rows.filter((r) => !r.hostKeyFingerprint).map((r) => r.name);
    if (unpinned.length) throw new DomainError("PRECONDITION_FAILED", `Pin the SSH host keys of ${unpinned.slice(0, 10).join(", ")} first`);
  },
  run: async (_ctx, job, { hostIds, mode, parallelism }) => {
    const summary = await job.spawn([...new Set(hostIds)].map((hostId) => ({ kind: "provision", input: { hostId, ...(mode ? { mode } : {}), dryRun: false } })), { parallelism });
    const failed = summary.children.filter((c) => c.state !== "succeeded");
    if (failed.length) throw new DomainError("REMOTE_COMMAND_FAILED", `${failed.length} of ${summary.total} host(s) did not converge; the others did. Open the sub-jobs for the reasons.`);
    return summary;
  },
});
