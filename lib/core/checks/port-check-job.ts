import { z } from "zod";
import { DomainError, isDomainError } from "@/lib/core/errors";
import { Id } from "@/lib/core/validation";
import { defineJob, type JobContext } from "@/lib/core/jobs/define-job";
import { allowedHostNetworks } from "@/lib/core/inventory/network-settings";
import { loadCheckHosts, migrationPath, sourcesAndDests, type CheckHost } from "./check-hosts";
import { DASHBOARD_SOURCE, savePortCells, saveTlsCells } from "./matrix-store";
import { portsFor, PROBE_TIMEOUT_SECONDS } from "./port-probe-script";
import { probeFromDashboard, probePortsFrom, type DestTarget, type PortCell } from "./probe-ports";
import { probeTlsFrom, tlsEnabled, tlsTarget } from "./tls-probe";

const SOURCE_PARALLELISM = 8;

export const PortChecksInput = z.strictObject({
  hostIds: z.array(Id).min(2).max(500).optional(),
  clusterId: Id.optional(),
});

async function dashboardProbes(ctx: JobContext, hosts: readonly CheckHost[]): Promise<number> {
  const allowed = await allowedHostNetworks(ctx.db);
  const cells: PortCell[] = await Promise.all(hosts.map(async (h) => ({ destId: h.id, port: 16514, ...(await probeFromDashboard(migrationPath(h), 16514, { allowed })) })));
  await savePortCells(ctx.db, DASHBOARD_SOURCE, cells, ctx.now());
  return cells.filter((c) => c.state === "open").length;
}

// The port and TLS matrices: the dashboard's own probe of 16514, then one child job per source
// host, run in parallel, each probing every destination from that source.
export const portChecksJob = defineJob({
  kind: "port-checks",
  input: PortChecksInput,
  permission: "jobs:run",
  // Probing changes no host, so checks hold no host lock and run beside provisioning.
  locks: () => [],
  host: () => null,
  precondition: async (ctx, input) => {
    if (input.hostIds) {
      const found = await ctx.db.host.count({ where: { id: { in: input.hostIds } } });
      if (found !== new Set(input.hostIds).size) throw new DomainError("NOT_FOUND", "No such host");
    } else if (input.clusterId && !(await ctx.db.cluster.findUnique({ where: { id: input.clusterId } }))) {
      throw new DomainError("NOT_FOUND", "No such cluster");
    }
  },
  run: async (ctx, job, input) => {
    const hosts = await loadCheckHosts(ctx.db, { ids: input.hostIds, clusterId: input.clusterId });
    const pairs = sourcesAndDests(hosts, input.hostIds !== undefined);
    const open = await job.report.step("probe 16514 from the dashboard", () => dashboardProbes(ctx, hosts), (n) => `${n} of ${hosts.length} open`);
    await job.report.progress(5);
    const summary = await job.spawn(
      pairs.map((p) => ({ kind: "port-check-source", input: { sourceId: p.source.id, destIds: p.dests.map((d) => d.id) } })),
      { parallelism: SOURCE_PARALLELISM },
    );
    return { hosts: hosts.length, sources: pairs.length, dashboardOpen: open, children: summary.counts };
  },
});

async function probeAll(ctx: JobContext, conn: Parameters<typeof probePortsFrom>[0], source: CheckHost, dests: CheckHost[]) {
  const targets: DestTarget[] = dests.flatMap((d) => portsFor(d.facts).map((port) => ({ destId: d.id, address: migrationPath(d), port })));
  const { method, cells } = await probePortsFrom(conn, targets, PROBE_TIMEOUT_SECONDS);
  await savePortCells(ctx.db, source.id, cells, ctx.now());
  return { method, cells };
}

// One source: every destination's ports in one SSH command, then virsh over TLS to every
// TLS-enabled destination when the source serves TLS itself.
export const portCheckSourceJob = defineJob({
  kind: "port-check-source",
  input: z.strictObject({ sourceId: Id, destIds: z.array(Id).min(1).max(500) }),
  permission: "jobs:run",
  // No lock: probing changes nothing on the source, and a check must not wait for provisioning.
  locks: () => [],
  host: (input) => input.sourceId,
  run: async (ctx, job, { sourceId, destIds }) => {
    const [source] = await loadCheckHosts(ctx.db, { ids: [sourceId] });
    if (!source) throw new DomainError("NOT_FOUND", "No such host");
    const dests = await loadCheckHosts(ctx.db, { ids: destIds });
    let opened;
    try {
      opened = await job.report.step("connect", () => ctx.ssh.open(sourceId), ({ host }) => `${host.sshUser}@${host.address}`);
    } catch (e) {
      // The matrix says why a whole row is empty.
      const why = `SSH to ${source.name} failed: ${isDomainError(e) ? e.message : "unexpected error"}`;
      await savePortCells(ctx.db, sourceId, dests.flatMap((d) => portsFor(d.facts).map((port) => ({ destId: d.id, port, state: "error" as const, error: why }))), ctx.now());
      throw e;
    }
    const { conn } = opened;
    try {
      const ports = await job.report.step("probe ports", () => probeAll(ctx, conn, source, dests), ({ method, cells }) =>
        `${cells.length} probes with ${method}: ${cells.filter((c) => c.state === "open").length} open, ${cells.filter((c) => c.state === "timeout" || c.state === "unreachable").length} blocked`);
      await job.report.progress(50);
      const tlsDests = dests.filter((d) => tlsEnabled(d.facts));
      if (!tlsEnabled(source.facts) || tlsDests.length === 0) {
        await saveTlsCells(ctx.db, sourceId, destIds, [], ctx.now());
        await job.report.skip("probe TLS", tlsEnabled(source.facts) ? "no destination serves libvirt TLS" : `${source.name} does not serve libvirt TLS (facts)`);
        return { sourceId, probes: ports.cells.length, tls: 0 };
      }
      const tls = await job.report.step("probe TLS", async () => {
        const answered = new Set(ports.cells.filter((c) => c.port === 16514 && c.state === "open").map((c) => c.destId));
        const cells = await probeTlsFrom(conn, source.name, tlsDests.map((d) => ({ destId: d.id, name: d.name, target: tlsTarget(d) })), { swept: answered });
        await saveTlsCells(ctx.db, sourceId, destIds, cells, ctx.now());
        return cells;
      }, (cells) => cells.map((c) => `${dests.find((d) => d.id === c.destId)?.name}: ${c.state}`).join(", "));
      return { sourceId, probes: ports.cells.length, tls: tls.length };
    } finally {
      await conn.close();
    }
  },
});
