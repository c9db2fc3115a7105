// The pre-flight as the API runs it: a job reading both (fake) hosts, the checklist, the 422 with
// the failed checks, and a confirmed plain migration under prefer-tls queued and audited.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import { SYSTEM_ACTOR } from "@/lib/core/auth/roles";
import type { CoreContext } from "@/lib/core/context";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { createCa } from "@/lib/core/pki/authority";
import { issueForHost } from "@/lib/core/pki/issue-for-host";
import { PORT_PROBE_SCRIPT } from "@/lib/core/checks/port-probe-script";
import { DOMAINS_SCRIPT } from "./list-domains";
import { POOLS_SCRIPT } from "./pools";
import { preflightJob } from "./preflight-job";
import { isPreflightRefused, runPreflight, startMigration } from "./start-migration";
import { TLS_PROBES_COMMAND, tlsProbesAnswer } from "@/testing/fake-tls-probes";

const fixture = (f: string) => readFileSync(path.join(__dirname, "fixtures", f), "utf8");
const base = parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", "debian12-listen.txt"), "utf8"), new Date());
const tlsFacts = { ...base, libvirtdConf: { ...base.libvirtdConf, listen_tls: 1 } };

let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let runner: JobRunner;
const ids: Record<string, string> = {};
let blocked = new Set<number>();
let open = new Set([16514]);
let tlsAnswer = { code: 0, stdout: "hv2\n", stderr: "" };

// Answers the probe script the way bash would: blocked ports time out, open ones connect, the rest are refused.
function probeAnswer(argv: string[]) {
  const pairs = argv.slice(5);
  const lines = ["::virtshield-probe::method\tbash"];
  for (let i = 0; i < pairs.length; i += 2) {
    const port = Number(pairs[i + 1]);
    const rc = blocked.has(port) ? 124 : open.has(port) ? 0 : 1;
    lines.push(`::virtshield-probe::result\tbash\t${pairs[i]}\t${port}\t${rc}\t${rc === 1 ? "Connection refused" : ""}`);
  }
  return { stdout: lines.concat("::virtshield-probe::end").join("\n") + "\n" };
}

function fakeFor(name: string): FakeConnection {
  const c = new FakeConnection();
  if (name === "hv1") {
    c.on(["sh", "-c", DOMAINS_SCRIPT], { stdout: fixture("domains.txt") })
      .on(["sh", "-c", PORT_PROBE_SCRIPT], (argv) => probeAnswer(argv))
      .on(TLS_PROBES_COMMAND, (argv) => tlsProbesAnswer(argv, () => tlsAnswer));
  } else {
    c.on(["sh", "-c", POOLS_SCRIPT], { stdout: fixture("pools.txt") })
      .on((argv) => argv[0] === "sh" && argv[3] === "stat-paths", { stdout: "" })
      .on((argv) => argv.includes("hypervisor-cpu-compare"), { stdout: "CPU described in /dev/stdin is identical to the CPU provided by hypervisor on the host\n" });
  }
  return c;
}

beforeEach(async () => {
  t = await createTestDb();
  const admin = testContext(t.db, SYSTEM_ACTOR);
  const c = await t.db.cluster.create({ data: { name: "c" } });
  for (const [name, n] of [["hv1", 11], ["hv2", 12]] as const) {
    ids[name] = (await t.db.host.create({ data: { name, address: `127.0.0.${n}`, clusterId: c.id, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
    await saveFacts(t.db, ids[name], tlsFacts, new Date());
    await t.db.hostProvision.create({ data: { hostId: ids[name], mode: "tls-only", planHash: "x", appliedAt: new Date() } });
  }
  await createCa(admin, { commonName: "test CA" });
  await issueForHost(admin, ids.hv2);
  blocked = new Set();
  open = new Set([16514]);
  tlsAnswer = { code: 0, stdout: "hv2\n", stderr: "" };
  ctx = { ...testContext(t.db), actor: { type: "user", id: "u1", name: "alice", role: "operator" } };
  runner = testRunner(t.db, { registry: jobRegistryOf([preflightJob]), ctx, connect: async (h) => fakeFor(h.name) });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
}, 60_000);

afterEach(async () => {
  await runner.stop();
  await t.cleanup();
});

const req = { domain: "vs-mig", sourceHostId: "", destHostId: "" };
const request = (over: Record<string, unknown> = {}) => ({ ...req, sourceHostId: ids.hv1, destHostId: ids.hv2, ...over });

describe("the migration pre-flight", () => {
  it("reads both hosts and passes a TLS-ready pair, probing that pair afresh", async () => {
    const { result } = await runPreflight(ctx, request());
    const failed = result.checks.filter((c) => !c.ok && c.severity === "error");
    expect(failed).toEqual([]);
    expect(result).toMatchObject({ ok: true, transport: "tls", parallel: true });
    expect(result.checks.find((c) => c.name === "port 16514")?.detail).toMatch(/fresh probe/);
    expect(result.checks.find((c) => c.name === "destination certificate")).toMatchObject({ ok: true, detail: expect.stringMatching(/covers hv2/) });
    expect(result.checks.find((c) => c.name === "CPU")?.ok).toBe(true);
  });

  it("refuses with the failed checks: a filtered migration range and a foreign CA", async () => {
    blocked = new Set([49152, 49183, 49215]);
    tlsAnswer = { code: 1, stdout: "", stderr: "error: The certificate hasn't got a known issuer\n" };
    const e = await startMigration(ctx, request()).catch((x: unknown) => x);
    expect(isPreflightRefused(e)).toBe(true);
    if (!isPreflightRefused(e)) return;
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.checks.filter((c) => !c.ok && c.severity === "error").map((c) => c.name)).toEqual(expect.arrayContaining(["migration ports", "TLS handshake", "policy"]));
    expect(e.message).toMatch(/unknown-issuer/);
    expect(await t.db.job.count({ where: { kind: "migrate" } })).toBe(0);
  });

  it("refuses a guest that does not run on the source, and local disks without copyStorage", async () => {
    expect((await runPreflight(ctx, request({ domain: "idle" }))).result.checks.find((c) => c.name === "guest")).toMatchObject({ ok: false, detail: expect.stringMatching(/shut off/) });
    const disk = (await runPreflight(ctx, request({ domain: "vs-disk" }))).result;
    expect(disk.checks.find((c) => c.name === "storage")).toMatchObject({ ok: false, severity: "error", detail: expect.stringMatching(/vs-disk.qcow2 .* must be copied/) });
    expect((await runPreflight(ctx, request({ domain: "vs-disk", copyStorage: true }))).result.ok).toBe(true);
  });

  it("under prefer-tls queues a plain migration only when confirmed, and audits it", async () => {
    await t.db.cluster.updateMany({ data: { policy: "prefer-tls" } });
    await t.db.hostProvision.delete({ where: { hostId: ids.hv2 } });
    await saveFacts(t.db, ids.hv2, { ...base, libvirtdConf: { ...base.libvirtdConf, listen_tls: 0 }, listeningPorts: { tcp16509: true, tls16514: false } }, new Date());
    tlsAnswer = { code: 1, stdout: "", stderr: "error: unable to connect to server at 'hv2:16514': Connection refused\n" };
    open = new Set([16509]);
    await expect(startMigration(ctx, request())).rejects.toThrow(/explicit confirmation/);
    const started = await startMigration(ctx, request({ allowPlain: true }));
    expect(started.transport).toBe("plain");
    const job = await t.db.job.findUniqueOrThrow({ where: { id: started.jobId } });
    expect(JSON.parse(job.input)).toMatchObject({ domain: "vs-mig", allowPlain: true });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "migration.plain" } });
    expect(audit).toMatchObject({ actorName: "alice", targetId: ids.hv1 });
    expect(JSON.parse(audit.detail)).toMatchObject({ jobId: started.jobId, domain: "vs-mig" });
  });
});
