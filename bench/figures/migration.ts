// Figure 5: live migration of one guest full of incompressible RAM between hv1 and hv2, four
// transports interleaved: plain TCP and libvirt's tunnelled mode run as `virsh migrate` over the
// lab's root SSH (what a user had before), native TLS with and without parallel connections
// through the product's `migrate` job (what a user gets). Each sample is one migration, from
// wherever the guest is to the other host, so the guest goes back and forth. Every variant is
// timed by libvirt's own clock (time_elapsed of the completed job on the destination), so the
// transports compare like for like; the TLS jobs' wall time is reported beside it.
// Both lab hosts share the machine's cores: plain TCP is a noisy upper bound, not a ceiling.
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob } from "@/lib/core/jobs/job-store";
import { tlsTarget } from "@/lib/core/checks/tls-probe";
import { migrateArgv } from "@/lib/core/migrate/migrate-argv";
import { parseDomJobInfo } from "@/lib/core/migrate/domjobinfo";
import { pageMigrations } from "@/lib/core/migrate/migration-store";
import { openConnection } from "@/lib/core/ssh/connect";
import type { HostConnection } from "@/lib/core/ssh/types";
import { readLab } from "@/e2e/lab/lab";
import { createIncompressibleGuest, removeIncompressibleGuest, type RootShell } from "@/testing/incompressible-guest";
import { labFleet } from "@/testing/lab-inventory";
import { testRunner } from "@/testing/job-runner";
import { interleave, median, summarize, timed } from "../lib/stats";
import type { FigureResult, Measure } from "../lib/report";
import type { FigureOptions } from "./types";

const ID = "5-migration";
const TITLE = "5 migration transport (lab)";
const GUEST = "vs-bench-mig";
const HOSTS = ["hv1", "hv2"] as const;
const MIGRATION_TIMEOUT_MS = 15 * 60_000;
const PARALLEL_CONNECTIONS = 2; // the product's default count (migrate-job.ts)

type Variant = "plain" | "tls" | "tlsParallel" | "tunnelled";

// The TLS argv with --tunnelled instead of --tls (libvirt treats the pair as unsupported).
function tunnelledArgv(tls: string[]): string[] {
  const argv = tls.filter((w, i) => w !== "--tls" && w !== "--tls-destination" && tls[i - 1] !== "--tls-destination");
  argv.splice(argv.indexOf("--p2p") + 1, 0, "--tunnelled");
  if (!argv[argv.indexOf("--desturi") + 1]?.startsWith("qemu+tls://")) throw new Error("tunnelled: expected a qemu+tls:// destination URI");
  return argv;
}

export async function migrationFigure(opts: FigureOptions): Promise<FigureResult> {
  const rounds = opts.rounds ?? (opts.quick ? 1 : 3);
  const dataMiB = opts.quick ? 256 : 768;
  const { t, ctx: base, ids } = await labFleet(HOSTS.map((name) => ({ name })));
  const runner = testRunner(t.db, { ctx: base, concurrency: 4, pollMs: 100 });
  const ctx: CoreContext = { ...base, jobs: runner };
  const root: Record<string, HostConnection> = {};
  const sh: RootShell = (host, command, stdin) => root[host].exec(["sh", "-c", command], { sudo: false, timeoutMs: MIGRATION_TIMEOUT_MS, ...(stdin !== undefined ? { stdin } : {}) });
  const runJob = async (kind: string, input: unknown) => {
    const { id } = await enqueue(ctx, kind, input);
    const job = await waitForJob(t.db, id, MIGRATION_TIMEOUT_MS, 100);
    if (job.state !== "succeeded") throw new Error(`${kind} ${JSON.stringify(input)} ended ${job.state}: ${job.error}`);
    return job;
  };
  let guestMade = false;
  await runner.start();
  try {
    const lab = readLab();
    for (const h of lab.hosts.filter((x) => (HOSTS as readonly string[]).includes(x.name))) {
      root[h.name] = await openConnection({ address: h.address, port: h.sshPort, username: "root", privateKey: lab.privateKey, pinnedFingerprint: h.hostKeyFingerprint });
    }
    // TLS beside plain TCP: the plain and tunnelled runs still need libvirt's TCP port.
    opts.log("migration: provisioning hv1 and hv2 (tls-alongside)");
    await runJob("provision-fleet", { hostIds: HOSTS.map((h) => ids[h]), mode: "tls-alongside" });
    await removeIncompressibleGuest(sh, GUEST, [...HOSTS]);
    guestMade = true;
    const { memoryMiB } = await createIncompressibleGuest(sh, { name: GUEST, on: "hv1", hosts: [...HOSTS], dataMiB });
    const dests = Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, tlsTarget(await t.db.host.findUniqueOrThrow({ where: { id: ids[h] } }))] as const))) as Record<string, string>;

    let at: string = "hv1";
    const parallelSeen = new Set<number | null>();
    const jobWall: Record<"tls" | "tlsParallel", number[]> = { tls: [], tlsParallel: [] };
    // One migration to the other host, checked to have landed; libvirt's time for it in seconds:
    // read on the destination for the virsh runs, from the history row (the job read it there,
    // and reading discards it) for the product's.
    const move = async (how: Variant): Promise<number> => {
      const from = at;
      const to = from === "hv1" ? "hv2" : "hv1";
      let libvirtMs: number | null = null;
      const { ms } = await timed(async () => {
        if (how === "plain" || how === "tunnelled") {
          // The product's own flags, the transport aside. Tunnelled goes through libvirtd's TLS
          // connection (qemu+tls, encrypted by libvirtd, one thread copying every byte): the
          // secure way before native TLS. Over qemu+tcp it would be unencrypted, and no rival.
          const argv = how === "plain"
            ? migrateArgv({ domain: GUEST, dest: dests[to], transport: "plain", copyStorage: false, persistent: true })
            : tunnelledArgv(migrateArgv({ domain: GUEST, dest: dests[to], transport: "tls", copyStorage: false, persistent: true }));
          const r = await root[from].exec(argv, { sudo: false, timeoutMs: MIGRATION_TIMEOUT_MS });
          if (r.code !== 0) throw new Error(`${how} migration ${from} → ${to} failed: ${r.stderr.trim().slice(0, 300)}`);
        } else {
          const job = await runJob("migrate", { domain: GUEST, sourceHostId: ids[from], destHostId: ids[to], ...(how === "tls" ? { parallel: false } : { parallel: true, parallelConnections: PARALLEL_CONNECTIONS }) });
          const row = (await pageMigrations(t.db, { limit: 500 })).items.find((m) => m.jobId === job.id);
          if (row?.transport !== "tls") throw new Error(`the ${how} migration ${from} → ${to} was recorded as ${row?.transport ?? "missing"}, not proven TLS`);
          if (how === "tlsParallel") parallelSeen.add(row.flags.parallelConnections);
          libvirtMs = row.downtimeMs !== null ? row.durationMs : null; // downtime comes from the same completed statistics
        }
      });
      const state = await sh(to, `virsh domstate ${GUEST}`);
      if (state.stdout.trim() !== "running") throw new Error(`after the ${how} migration ${GUEST} is ${state.stdout.trim() || "absent"} on ${to}`);
      if (how === "plain" || how === "tunnelled") libvirtMs = parseDomJobInfo((await sh(to, `virsh domjobinfo --domain ${GUEST} --completed --rawstats`)).stdout).elapsedMs;
      else jobWall[how].push(ms / 1000);
      if (!libvirtMs) throw new Error(`no completed job statistics for ${GUEST} on ${to} after the ${how} migration`);
      at = to;
      opts.log(`migration: ${how} ${from} → ${to} ${(libvirtMs / 1000).toFixed(1)} s by libvirt, ${(ms / 1000).toFixed(1)} s wall`);
      return libvirtMs / 1000;
    };

    opts.log(`migration: ${dataMiB} MiB of incompressible RAM (${memoryMiB} MiB guest), ${rounds} round(s)`);
    const out = await interleave<Variant>(rounds, { plain: () => move("plain"), tls: () => move("tls"), tlsParallel: () => move("tlsParallel"), tunnelled: () => move("tunnelled") });
    const rate = (s: number) => `${(dataMiB / s).toFixed(0)} MiB/s`;
    const ratio = (a: Variant, b: Variant) => median(out[b]) / median(out[a]); // throughput a / throughput b
    const parallelUsed = [...parallelSeen].every((n) => n !== null && n > 1);
    const row = (name: string, v: Variant): Measure => {
      const s = summarize(out[v]);
      const wall = v === "tls" || v === "tlsParallel" ? `; the product's job ${median(jobWall[v]).toFixed(1)} s wall` : "";
      return { name, unit: "s", summary: s, detail: `${rate(s.median)} median (${rate(s.max)}-${rate(s.min)})${wall}` };
    };
    const defaultVsTunnelled = ratio("tlsParallel", "tunnelled");
    const measures: Measure[] = [
      row("plain TCP (virsh, upper bound)", "plain"),
      row("native TLS", "tls"),
      row(`native TLS, ${PARALLEL_CONNECTIONS} parallel connections${parallelUsed ? "" : " (fell back: not supported)"}`, "tlsParallel"),
      row("tunnelled through libvirtd's TLS connection (virsh)", "tunnelled"),
      { name: "throughput TLS / plain", unit: "x", value: ratio("tls", "plain") },
      { name: "throughput TLS / tunnelled", unit: "x", value: ratio("tls", "tunnelled") },
      // The product's default transport is TLS with parallel connections where both ends support it.
      { name: "throughput TLS+parallel (default) / tunnelled", unit: "x", value: defaultVsTunnelled, target: { text: "≥ 1.0x", met: defaultVsTunnelled >= 1 } },
    ];
    return {
      id: ID,
      title: TITLE,
      status: "measured",
      measures,
      context: { rounds, incompressibleMiB: dataMiB, guestMemoryMiB: memoryMiB, throughput: `${dataMiB} MiB / libvirt's time_elapsed of one migration`, jobWallSeconds: jobWall, parallelConnectionsRecorded: [...parallelSeen], provisionMode: "tls-alongside", plain: "virsh migrate --live --p2p --persistent --undefinesource, qemu+tcp, over the lab's root SSH", tunnelled: "the same with --tunnelled to qemu+tls:// (encrypted by libvirtd)", tls: "the product's migrate job; its wall time (SSH connects, TLS evidence, checks) reported beside" },
    };
  } finally {
    try {
      if (guestMade) await removeIncompressibleGuest(sh, GUEST, [...HOSTS]);
      // Back to the seeds' insecure start for what follows: each host's first backup.
      for (const h of HOSTS) {
        const first = await t.db.hostBackup.findFirst({ where: { hostId: ids[h] }, orderBy: { createdAt: "asc" } });
        if (first) await runJob("rollback", { hostId: ids[h], backupId: first.id }).catch((e: unknown) => opts.log(`migration: could not restore ${h}: ${e instanceof Error ? e.message : String(e)}`));
      }
    } finally {
      await runner.stop();
      for (const c of Object.values(root)) await c.close();
      await t.cleanup();
    }
  }
}
