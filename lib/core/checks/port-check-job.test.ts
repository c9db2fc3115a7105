import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import type { CoreContext } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { getJob, waitForJob } from "@/lib/core/jobs/job-store";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import type { HostView } from "@/lib/core/inventory/hosts";
import { PORT_PROBE_SCRIPT } from "./port-probe-script";
import { portChecksJob, portCheckSourceJob } from "./port-check-job";
import { listPortMatrix, listTlsMatrix } from "./matrix-store";
import { TLS_PROBES_COMMAND, tlsProbesAnswer } from "@/testing/fake-tls-probes";

const registry = jobRegistryOf([portChecksJob, portCheckSourceJob]);
const baseFacts = parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", "debian12-listen.txt"), "utf8"), new Date());

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let runner: JobRunner;
const conns = new Map<string, FakeConnection>();
const ids: Record<string, string> = {};

// A fake source answers the probe script the way bash would: 22 open everywhere, hv2's
// migration ports dropped (timeout), everything else refused.
function probeAnswer(argv: string[]): { stdout: string } {
  const pairs = argv.slice(5);
  const lines = ["::virtshield-probe::method\tbash"];
  for (let i = 0; i < pairs.length; i += 2) {
    const [address, port] = [pairs[i], Number(pairs[i + 1])];
    const rc = port === 22 ? 0 : address === "127.0.0.12" && port >= 49152 ? 124 : 1;
    const err = rc === 1 ? `probe: connect: Connection refused probe: line 1: /dev/tcp/${address}/${port}: Connection refused` : "";
    lines.push(`::virtshield-probe::result\tbash\t${address}\t${port}\t${rc}\t${err}`);
  }
  return { stdout: lines.concat("::virtshield-probe::end").join("\n") + "\n" };
}

function fakeFor(host: HostView): FakeConnection {
  const conn = new FakeConnection()
    .on(["sh", "-c", PORT_PROBE_SCRIPT], (argv) => probeAnswer(argv))
    .on(TLS_PROBES_COMMAND, (argv) => tlsProbesAnswer(argv, (uri) =>
      uri === "qemu+tls://hv2/system" ? { code: 0 } : { code: 1, stderr: `error: Certificate does not match the hostname ${uri.slice(11, -7)}\n` }));
  conns.set(host.name, conn);
  return conn;
}

beforeEach(async () => {
  t = await createTestDb();
  ctx = { ...testContext(t.db), actor: { type: "user", id: "u1", name: "alice", role: "operator" } };
  const c = await t.db.cluster.create({ data: { name: "c" } });
  const other = await t.db.cluster.create({ data: { name: "other" } });
  const tls = { ...baseFacts, libvirtdConf: { ...baseFacts.libvirtdConf, listen_tls: 1 } };
  for (const [name, n, facts] of [["hv1", 11, tls], ["hv2", 12, { ...tls, qemuConf: { migration_port_min: 50000, migration_port_max: 50010 } }], ["hv3", 13, null]] as const) {
    const h = await t.db.host.create({ data: { name, address: `127.0.0.${n}`, clusterId: c.id, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } });
    ids[name] = h.id;
    if (facts) await saveFacts(t.db, h.id, facts, new Date());
  }
  ids.far = (await t.db.host.create({ data: { name: "far", address: "127.0.0.20", clusterId: other.id } })).id;
  conns.clear();
  runner = testRunner(t.db, {
    registry,
    ctx,
    connect: async (host) => {
      if (!host.hostKey.pinned) throw new DomainError("PRECONDITION_FAILED", `The SSH host key of ${host.name} is not pinned yet`);
      return fakeFor(host);
    },
  });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
});

afterEach(async () => {
  await runner.stop();
  await t.cleanup();
});

describe("the port-checks job", () => {
  it("probes every ordered pair of a cluster from its source in one command, and the dashboard's 16514", async () => {
    const { id } = await enqueue(ctx, "port-checks", { clusterId: (await t.db.cluster.findUniqueOrThrow({ where: { name: "c" } })).id }, { registry });
    const job = await waitForJob(t.db, id, 10_000);
    expect(job.state).toBe("succeeded");
    expect([...conns.keys()].sort()).toEqual(["hv1", "hv2", "hv3"]);
    // One command per source for all its port probes, one for all its TLS probes (hv3 serves no TLS).
    const count = (name: string, script: string) => conns.get(name)!.commands.filter((c) => c.argv[2] === script).length;
    expect(["hv1", "hv2", "hv3"].map((n) => [count(n, PORT_PROBE_SCRIPT), count(n, TLS_PROBES_COMMAND[2])])).toEqual([[1, 1], [1, 1], [1, 0]]);

    const matrix = await listPortMatrix(t.db);
    const cell = (s: string, d: string, port: number) => matrix.find((m) => m.sourceId === s && m.destId === ids[d] && m.port === port);
    expect(cell(ids.hv1, "hv2", 50000)?.state).toBe("timeout");
    expect(cell(ids.hv1, "hv2", 50005)?.state).toBe("timeout");
    expect(cell(ids.hv1, "hv2", 49152)).toBeUndefined();
    expect(cell(ids.hv2, "hv1", 49152)).toMatchObject({ state: "refused", error: expect.stringMatching(/Connection refused/) });
    expect(cell(ids.hv3, "hv1", 22)?.state).toBe("open");
    expect(cell("dashboard", "hv1", 16514)).toMatchObject({ state: "error", error: expect.stringMatching(/outside the networks/) });
    // Three sources x two destinations x six ports, and three dashboard probes; "far" is in another cluster.
    expect(matrix).toHaveLength(3 * 2 * 6 + 3);
    expect(matrix.some((m) => m.destId === ids.far || m.sourceId === ids.far)).toBe(false);

    const tls = await listTlsMatrix(t.db);
    expect(tls.map((c) => [c.sourceId, c.destId, c.state, c.target])).toEqual(
      [[ids.hv1, ids.hv2, "ok", "hv2"], [ids.hv2, ids.hv1, "hostname-mismatch", "hv1"]].sort(),
    );
    const children = (await getJob(t.db, id)).children ?? [];
    expect(children.length).toBe(3);
  });

  it("records why a source's row is empty when SSH to it fails, and a re-check replaces the cells", async () => {
    const first = await enqueue(ctx, "port-checks", { hostIds: [ids.hv1, ids.far] }, { registry });
    await waitForJob(t.db, first.id, 10_000);
    const far = (await listPortMatrix(t.db)).filter((m) => m.sourceId === ids.far);
    expect(far).toHaveLength(6);
    expect(far.every((m) => m.state === "error" && /SSH to far failed: .*not pinned/.test(m.error ?? ""))).toBe(true);
    await t.db.host.update({ where: { id: ids.far }, data: { hostKeyFingerprint: `SHA256:${"B".repeat(43)}` } });
    const again = await enqueue(ctx, "port-checks", { hostIds: [ids.hv1, ids.far] }, { registry });
    await waitForJob(t.db, again.id, 10_000);
    const after = (await listPortMatrix(t.db)).filter((m) => m.sourceId === ids.far);
    expect(after.map((m) => m.state).sort()).toEqual(["open", "refused", "refused", "refused", "refused", "refused"]);
  });

  it("succeeds at once for a cluster without hosts", async () => {
    const empty = await t.db.cluster.create({ data: { name: "empty" } });
    const { id } = await enqueue(ctx, "port-checks", { clusterId: empty.id }, { registry });
    const job = await waitForJob(t.db, id, 10_000);
    expect(job.state).toBe("succeeded");
    expect(conns.size).toBe(0);
  });

  it("refuses unknown hosts and a viewer before anything is stored", async () => {
    await expect(enqueue(ctx, "port-checks", { hostIds: [ids.hv1, "nope"] }, { registry })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const viewer = { ...ctx, actor: { ...ctx.actor, role: "viewer" as const } };
    await expect(enqueue(viewer, "port-checks", {}, { registry })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.job.count()).toBe(0);
  });
});
