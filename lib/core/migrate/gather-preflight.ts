import type { JobContext } from "@/lib/core/jobs/define-job";
import type { Policy } from "@/lib/core/inventory/schemas";
import { isDomainError } from "@/lib/core/errors";
import { readFacts } from "@/lib/core/facts/facts-job";
import { gatherFacts } from "@/lib/core/facts/gather-facts";
import type { HostFacts } from "@/lib/core/facts/facts";
import { readValidation } from "@/lib/core/provision/validation/validation-store";
import { migrationRange } from "@/lib/core/checks/port-probe-script";
import { probePortsFrom } from "@/lib/core/checks/probe-ports";
import { probeTlsFrom, tlsEnabled, tlsTarget } from "@/lib/core/checks/tls-probe";
import type { HostConnection } from "@/lib/core/ssh/types";
import { listDomains } from "./list-domains";
import { listPools, statPaths } from "./pools";
import { classifyDisks } from "./storage";
import { compareCpu } from "./cpu-compare";
import type { PreflightHost, PreflightInput, ProbeState } from "./preflight-types";

export interface PreflightRequest {
  domain: string;
  sourceHostId: string;
  destHostId: string;
  copyStorage: boolean;
  allowPlain: boolean;
  parallel: boolean | null;
}

const STRENGTH: Record<Policy, number> = { tls: 2, "prefer-tls": 1, legacy: 0 };

async function hostRow(ctx: JobContext, id: string) {
  return ctx.db.host.findUniqueOrThrow({ where: { id }, include: { cluster: { select: { policy: true, migrationParallel: true } }, provision: { select: { hostId: true } } } });
}

type Row = Awaited<ReturnType<typeof hostRow>>;

async function connect(ctx: JobContext, id: string): Promise<{ conn: HostConnection | null; error: string | null }> {
  try {
    return { conn: (await ctx.ssh.open(id)).conn, error: null };
  } catch (e) {
    return { conn: null, error: isDomainError(e) ? e.message : "connection failed" };
  }
}

async function factsOf(ctx: JobContext, id: string, conn: HostConnection | null): Promise<HostFacts | null> {
  const stored = await readFacts(ctx.db, id);
  if (stored || !conn) return stored?.facts ?? null;
  return gatherFacts(conn, ctx.now()).catch(() => null);
}

async function describe(ctx: JobContext, row: Row, facts: HostFacts | null, reach: { conn: HostConnection | null; error: string | null }): Promise<PreflightHost> {
  const v = await readValidation(ctx.db, row.id).catch(() => null);
  const errors = v?.findings.filter((f) => f.severity === "error") ?? [];
  return {
    id: row.id,
    name: row.name,
    pinned: !!row.hostKeyFingerprint,
    reachable: reach.conn !== null,
    reachError: reach.error,
    tlsEnabled: !!row.provision || tlsEnabled(facts),
    provisioned: !!row.provision,
    validation: v ? { checkedAt: v.checkedAt, errors: errors.length, firstError: errors[0]?.message ?? null } : null,
    libvirtVersion: facts?.libvirtVersion ?? null,
    qemuVersion: facts?.qemuVersion ?? null,
  };
}

// Fresh probes of this one pair over the source's connection; the stored matrix when that fails.
async function probes(ctx: JobContext, src: HostConnection | null, source: Row, dest: Row, target: string, destFacts: HostFacts | null) {
  const { min, max } = migrationRange(destFacts);
  const ports = [...new Set([16514, 16509, min, Math.floor((min + max) / 2), max])];
  if (src) {
    try {
      const { cells } = await probePortsFrom(src, ports.map((port) => ({ destId: dest.id, address: target, port })));
      const [tls] = await probeTlsFrom(src, source.name, [{ destId: dest.id, name: dest.name, target }]);
      return { ports: cells.map((c) => ({ port: c.port, state: c.state as ProbeState, error: c.error })), tlsProbe: { state: tls.state, error: tls.error }, probedAt: ctx.now().toISOString(), probeSource: "fresh" as const };
    } catch (e) {
      ctx.log.warn("fresh probe failed; using the stored matrix", { error: String(e) });
    }
  }
  const stored = await ctx.db.portProbe.findMany({ where: { sourceId: source.id, destId: dest.id } });
  const tls = await ctx.db.tlsProbe.findUnique({ where: { sourceId_destId: { sourceId: source.id, destId: dest.id } } });
  const latest = [...stored.map((p) => p.checkedAt), ...(tls ? [tls.checkedAt] : [])].sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    ports: stored.map((p) => ({ port: p.port, state: p.state as ProbeState, error: p.error })),
    tlsProbe: tls ? { state: tls.state, error: tls.error } : null,
    probedAt: latest?.toISOString() ?? null,
    probeSource: stored.length || tls ? ("stored" as const) : ("none" as const),
  };
}

// Everything the pure pre-flight needs, read from the database and both hosts. Unreachable hosts
// are facts for the checklist, not failures of the job.
export async function gatherPreflight(ctx: JobContext, req: PreflightRequest): Promise<PreflightInput> {
  const [source, dest] = [await hostRow(ctx, req.sourceHostId), await hostRow(ctx, req.destHostId)];
  const [src, dst] = [await connect(ctx, source.id), await connect(ctx, dest.id)];
  try {
    const [srcFacts, dstFacts] = [await factsOf(ctx, source.id, src.conn), await factsOf(ctx, dest.id, dst.conn)];
    const target = tlsTarget(dest);
    const guest = src.conn ? ((await listDomains(src.conn)).find((d) => d.name === req.domain) ?? null) : null;
    const destPools = dst.conn ? await listPools(dst.conn).catch(() => []) : [];
    const destFiles = dst.conn && guest ? await statPaths(dst.conn, guest.disks.map((d) => d.path)).catch(() => new Map<string, string | null>()) : undefined;
    const cert = await ctx.db.certificate.findFirst({ where: { hostId: dest.id, kind: "server", source: "issued", current: true, revokedAt: null }, orderBy: { notBefore: "desc" }, select: { certificatePem: true } });
    const policy = [source.cluster.policy, dest.cluster.policy].sort((a, b) => STRENGTH[b as Policy] - STRENGTH[a as Policy])[0] as Policy;
    return {
      policy,
      allowPlain: req.allowPlain,
      copyStorage: req.copyStorage,
      parallel: req.parallel,
      clusterParallel: source.cluster.migrationParallel && dest.cluster.migrationParallel,
      source: await describe(ctx, source, srcFacts, src),
      dest: await describe(ctx, dest, dstFacts, dst),
      target,
      destServerCertPem: cert?.certificatePem ?? null,
      ...(await probes(ctx, src.conn, source, dest, target, dstFacts)),
      guest,
      disks: guest ? classifyDisks(guest.disks, destPools, destFiles) : [],
      destPools,
      cpu: guest && dst.conn ? await compareCpu(dst.conn, guest).catch(() => ({ result: "unknown" as const, detail: "virsh could not compare the CPU" })) : { result: "unknown", detail: "not compared (no guest or destination unreachable)" },
    };
  } finally {
    await src.conn?.close();
    await dst.conn?.close();
  }
}
