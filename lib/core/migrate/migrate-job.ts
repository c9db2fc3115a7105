import { DomainError, isDomainError } from "@/lib/core/errors";
import { defineJob, type JobContext, type JobReporter } from "@/lib/core/jobs/define-job";
import type { Policy } from "@/lib/core/inventory/schemas";
import { readFacts } from "@/lib/core/facts/facts-job";
import { migrationRange } from "@/lib/core/checks/port-probe-script";
import { tlsTarget } from "@/lib/core/checks/tls-probe";
import { explainLibvirtError } from "@/lib/core/checks/tls-failure-reasons";
import type { HostConnection } from "@/lib/core/ssh/types";
import { listDomains } from "./list-domains";
import { listPools } from "./pools";
import { bytesToCopy, classifyDisks } from "./storage";
import { domstateArgv, migrateArgv, migrationTimeoutMs, type MigrateCommand } from "./migrate-argv";
import { parallelSupport } from "./preflight";
import { MigrationRequest } from "./preflight-job";
import { finishMigrationRecord, startMigrationRecord, type MigrationFlags, type Outcome } from "./migration-store";
import { provenTransport } from "./tls-evidence";
import { parseDomJobInfo } from "./domjobinfo";
import { watchMigration, type WatchedRun } from "./watch-migration";

const state = async (conn: HostConnection, domain: string) => {
  const r = await conn.exec(domstateArgv(domain), { timeoutMs: 30_000 }).catch(() => null);
  if (!r) return "unknown";
  return r.code === 0 ? r.stdout.trim().split("\n")[0] : "absent";
};

// libvirt's own words, without virsh's "error: " prefixes, its \r-separated progress meter and
// the watchdog's heartbeat lines.
export function libvirtMessage(stderr: string): string {
  return stderr.split(/[\r\n]+/).map((l) => l.replace(/^\s*(Migration: \[\s*\d+\s*%\]\s*)+/, "").replace(/^error:\s*/, "").trim()).filter(Boolean).join(" ").slice(0, 1000);
}

async function hostParts(ctx: JobContext, id: string) {
  const row = await ctx.db.host.findUniqueOrThrow({ where: { id }, include: { cluster: { select: { policy: true, migrationParallel: true } } } });
  return { row, facts: (await readFacts(ctx.db, id))?.facts ?? null };
}

function flagsOf(c: MigrateCommand, argv: string[]): MigrationFlags {
  return { live: true, p2p: true, tls: c.transport === "tls", copyStorage: c.copyStorage, persistent: c.persistent, parallelConnections: c.parallelConnections ?? null, migrateUri: c.migrateAddress ? `tcp://${c.migrateAddress}` : null, destUri: argv[argv.indexOf("--desturi") + 1] };
}

// Downtime and totals of the finished migration, as the destination recorded them (best effort).
async function completedStats(dst: HostConnection, domain: string) {
  const r = await dst.exec(["virsh", "-c", "qemu:///system", "domjobinfo", "--domain", domain, "--completed", "--rawstats"], { timeoutMs: 20_000 }).catch(() => null);
  return r && r.code === 0 ? parseDomJobInfo(r.stdout) : null;
}

async function conclude(ctx: JobContext, report: JobReporter, run: WatchedRun, c: MigrateCommand, src: HostConnection, dst: HostConnection) {
  const text = run.result ? libvirtMessage(run.result.stderr) : isDomainError(run.transportError) ? run.transportError.message : "the SSH channel failed";
  const succeeded = run.result?.code === 0 && !ctx.signal.aborted;
  const outcome: Outcome = succeeded ? "succeeded" : ctx.signal.aborted || run.timedOut ? "aborted" : "failed";
  if (!succeeded) return { outcome, text, completed: null };
  const [there, here] = await report.step("verify", async () => [await state(dst, c.domain), await state(src, c.domain)], ([t, h]) => `destination: ${t}; source: ${h}`);
  if (there !== "running") return { outcome: "failed" as const, text: `virsh migrate returned but ${c.domain} is ${there} on the destination`, completed: null };
  if (here === "running") return { outcome: "failed" as const, text: `${c.domain} still runs on the source after the migration`, completed: null };
  return { outcome, text: null, completed: await completedStats(dst, c.domain) };
}

export const migrateJob = defineJob({
  kind: "migrate",
  input: MigrationRequest,
  permission: "jobs:run",
  locks: (i) => [i.sourceHostId, i.destHostId],
  host: (i) => i.sourceHostId,
  precondition: async (ctx, i) => {
    if (i.sourceHostId === i.destHostId) throw new DomainError("VALIDATION", "Source and destination are the same host", { fieldErrors: { destHostId: ["pick another host"] } });
    const rows = await ctx.db.host.findMany({ where: { id: { in: [i.sourceHostId, i.destHostId] } }, select: { cluster: { select: { policy: true } } } });
    if (i.allowPlain && rows.some((r) => (r.cluster.policy as Policy) === "tls")) throw new DomainError("PRECONDITION_FAILED", "The cluster policy is tls: plain migration is refused");
  },
  run: async (ctx, { id: jobId, createdBy, report }, i) => {
    const [source, dest] = [await hostParts(ctx, i.sourceHostId), await hostParts(ctx, i.destHostId)];
    const src = (await report.step("connect", () => ctx.ssh.open(i.sourceHostId), ({ host }) => `${host.name} (source)`)).conn;
    let dst: HostConnection | null = null;
    try {
      dst = (await ctx.ssh.open(i.destHostId)).conn;
      const guest = await report.step("read the guest", async () => (await listDomains(src)).find((d) => d.name === i.domain), (g) => (g ? `${g.state}, ${Math.round(g.memoryKiB / 1024)} MiB, ${g.disks.length} disk(s)` : "not found"));
      if (!guest || guest.state !== "running") throw new DomainError("PRECONDITION_FAILED", `${i.domain} is ${guest ? guest.state : "not defined"} on ${source.row.name}`);
      const disks = classifyDisks(guest.disks, await listPools(dst).catch(() => []));
      const versions = (f: typeof source.facts) => ({ libvirtVersion: f?.libvirtVersion ?? null, qemuVersion: f?.qemuVersion ?? null });
      const par = parallelSupport(versions(source.facts), versions(dest.facts));
      const cmd: MigrateCommand = {
        domain: i.domain,
        dest: tlsTarget(dest.row),
        migrateAddress: dest.row.migrationAddress ?? undefined,
        transport: i.allowPlain ? "plain" : "tls",
        copyStorage: i.copyStorage,
        persistent: i.persistent,
        parallelConnections: i.parallel !== false && par.supported && source.row.cluster.migrationParallel && dest.row.cluster.migrationParallel ? (i.parallelConnections ?? 2) : undefined,
      };
      const argv = migrateArgv(cmd);
      const timeoutMs = migrationTimeoutMs(guest.memoryKiB * 1024, i.copyStorage ? bytesToCopy(disks) : 0);
      const startedAt = ctx.now();
      const migrationId = await startMigrationRecord(ctx.db, { jobId, domain: i.domain, source: { id: source.row.id, name: source.row.name }, dest: { id: dest.row.id, name: dest.row.name }, transport: cmd.transport === "tls" ? "unproven" : "plain", flags: flagsOf(cmd, argv), startedAt, createdBy: createdBy ?? "system" });
      await report.log(`${argv.join(" ")} (aborted after ${Math.round(timeoutMs / 1000)} s)`);
      await report.progress(10, "migrating");
      // The step fails with libvirt's words; the record and the explanation follow below.
      const box: { run?: WatchedRun } = {};
      await report.step("migrate", async () => {
        const r = (box.run = await watchMigration({ conn: src, argv, domain: i.domain, timeoutMs, signal: ctx.signal, report, now: ctx.now }));
        if (r.result?.code !== 0 || ctx.signal.aborted) throw new DomainError("REMOTE_COMMAND_FAILED", r.result ? libvirtMessage(r.result.stderr) || `virsh migrate exited ${r.result.code}` : "the SSH channel closed");
      }, () => "virsh migrate finished").catch((e: unknown) => {
        if (!box.run) throw e;
      });
      const run = box.run!;
      const end = await conclude(ctx, report, run, cmd, src, dst);
      const transport = provenTransport(cmd.transport, run.watch.evidence);
      const finishedAt = ctx.now();
      // libvirt's own clock for the migration when it reports one (the transfer, not our virsh
      // start and the checks around it); else the time around virsh.
      const durationMs = end.completed?.elapsedMs ?? finishedAt.getTime() - startedAt.getTime();
      const bytes = end.completed?.dataTotal ?? run.watch.last?.dataProcessed ?? null;
      const explained = end.text ? explainLibvirtError(end.text, { source: source.row.name, dest: dest.row.name, target: cmd.dest, ports: (({ min, max }) => `${min}-${max}`)(migrationRange(dest.facts)) }) : null;
      await finishMigrationRecord(ctx.db, migrationId, {
        outcome: end.outcome, transport, tlsEvidence: run.watch.evidence, finishedAt, durationMs, bytes,
        avgSpeed: bytes !== null && durationMs > 0 ? bytes / (durationMs / 1000) : null,
        peakSpeed: run.watch.peakBps, downtimeMs: end.completed?.downtimeMs ?? null,
        error: end.text, explanation: explained ? `${explained.explanation} Fix: ${explained.fix}.` : null,
      });
      if (end.outcome !== "succeeded") {
        const where = await state(src, i.domain);
        await report.log(`${i.domain} on ${source.row.name}: ${where}`);
        const why = explained && explained.reason !== "other" ? ` — ${explained.explanation} Fix: ${explained.fix}.` : "";
        throw new DomainError("REMOTE_COMMAND_FAILED", `${end.outcome === "aborted" ? (run.timedOut ? `Aborted after ${Math.round(timeoutMs / 1000)} s` : "Aborted") : "Migration failed"}: ${end.text ?? "no message"}${why}`);
      }
      if (transport === "unproven") await report.log("TLS was asked for but no tls-creds were seen in the source QEMU's migration parameters: recorded as unproven.");
      await report.progress(100, "done");
      return { migrationId, transport, outcome: end.outcome, durationMs, bytes, tlsEvidence: run.watch.evidence };
    } finally {
      await src.close();
      await dst?.close();
    }
  },
});
