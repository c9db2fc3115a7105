import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import type { CoreContext } from "@/lib/core/context";
import { createCa } from "@/lib/core/pki/authority";
import { jobRegistryOf } from "@/lib/core/jobs/define-job";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { eventsAfter, stepsFromEvents, waitForJob } from "@/lib/core/jobs/job-store";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { FACTS_SCRIPT } from "@/lib/core/facts/gather-facts";
import { readFacts } from "@/lib/core/facts/facts-job";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { PKI_SNAPSHOT_SCRIPT } from "./read-pki-snapshot";
import { validateJob } from "./validate-job";
import { readValidation } from "./validation-store";

const fixture = (p: string) => readFileSync(path.join(__dirname, p), "utf8");
const registry = jobRegistryOf([validateJob]);
let t: Awaited<ReturnType<typeof createTestDb>>;
let ctx: CoreContext;
let runner: JobRunner;
let hostId: string;
// A fresh connection per job (the job closes its own), every command kept for the assertions.
const opened: FakeConnection[] = [];
const commands = () => opened.flatMap((c) => c.commands);
const connect = async () => {
  const c = new FakeConnection()
    .on((argv) => argv[0] === "sh" && argv[2] === FACTS_SCRIPT, { stdout: fixture("../../facts/fixtures/debian12-listen.txt") })
    .on((argv) => argv[0] === "sh" && argv[2] === PKI_SNAPSHOT_SCRIPT, { stdout: fixture("fixtures/pki-snapshot-output.txt") });
  opened.push(c);
  return c;
};

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  await createCa(ctx, { commonName: "Job CA", validityDays: 3650, keyBits: 2048 });
  const cluster = await t.db.cluster.create({ data: { name: "c" } });
  hostId = (await t.db.host.create({ data: { name: "hv1", address: "198.18.0.11", clusterId: cluster.id, hostKeyFingerprint: `SHA256:${"A".repeat(43)}` } })).id;
  runner = testRunner(t.db, { registry, ctx, connect });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
}, 30_000);
afterAll(async () => {
  await runner?.stop();
  await t?.cleanup();
});

describe("the validate job", { timeout: 30_000 }, () => {
  it("gathers facts it lacks, reads the PKI once with the QEMU user as the only argument, and stores the findings", async () => {
    const { id } = await enqueue(ctx, "validate", { hostId }, { registry });
    const job = await waitForJob(t.db, id, 20_000);
    expect(job.state, job.error ?? "").toBe("succeeded");
    const facts = (await readFacts(t.db, hostId))!.facts;
    const reads = commands().filter((c) => c.argv[2] === PKI_SNAPSHOT_SCRIPT);
    expect(reads).toHaveLength(1);
    expect(reads[0].argv.slice(3)).toEqual(["virtshield-pki", facts.qemuUser]);
    expect(stepsFromEvents(await eventsAfter(t.db, id, 0)).map((s) => [s.name, s.state])).toEqual([
      ["connect", "succeeded"], ["gather facts", "succeeded"], ["read PKI files", "succeeded"], ["check", "succeeded"],
    ]);
    const v = (await readValidation(t.db, hostId))!;
    expect(v.jobId).toBe(id);
    expect(job.result).toEqual({ hostId, counts: v.counts });
    // The recorded host carries another CA, a stray migrate dir and no QEMU CRL.
    const errors = v.findings.filter((f) => f.severity === "error").map((f) => `${f.check} ${f.path ?? ""}`);
    expect(errors).toEqual(expect.arrayContaining(["ca /etc/pki/CA/cacert.pem", "stray-migrate-dir /etc/pki/libvirt-migrate", "chain /etc/pki/qemu/server-cert.pem"]));
    expect(v.findings.find((f) => f.path === "/etc/pki/qemu/ca-crl.pem" && f.check === "crl-present")?.severity).toBe("warning");
    expect(v.caFingerprints).toHaveLength(1);
  });

  it("uses the stored facts the second time", async () => {
    const before = commands().filter((c) => c.argv[2] === FACTS_SCRIPT).length;
    const { id } = await enqueue(ctx, "validate", { hostId }, { registry });
    expect((await waitForJob(t.db, id, 20_000)).state).toBe("succeeded");
    expect(commands().filter((c) => c.argv[2] === FACTS_SCRIPT)).toHaveLength(before);
  });
});
