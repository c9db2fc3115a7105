// Trust on first use against a real lab sshd, through the product's own verbs and job runner:
// observe, pin, gather facts as a job; then the host's key changes and everything is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { getHost } from "@/lib/core/inventory/hosts";
import { labInventory } from "@/testing/lab-inventory";
import type { JobRunner } from "@/lib/core/jobs/runner";
import { getJob } from "@/lib/core/jobs/job-store";
import { testRunner } from "@/testing/job-runner";
import { observeHostKey, pinHostKey } from "./host-key";
import { readFacts } from "@/lib/core/facts/facts-job";
import { labCommand, labHost } from "@/e2e/lab/lab";

let t: Awaited<ReturnType<typeof labInventory>>["t"];
let admin: CoreContext;
let operator: CoreContext;
let runner: JobRunner;
let hostId: string;

async function runFacts(): Promise<Awaited<ReturnType<typeof getJob>>> {
  // Queued as the system would be, past enqueue's own pin check, to see the connector refuse too.
  const id = (await t.db.job.create({ data: { kind: "facts", hostId, input: JSON.stringify({ hostId }), createdBy: "test", locks: { create: [{ hostId }] } } })).id;
  runner.wake();
  await runner.idle();
  return getJob(t.db, id);
}

beforeAll(async () => {
  ({ t, ctx: admin, hostId } = await labInventory("hv3", { pin: false }));
  operator = { ...admin, actor: { type: "user", id: "op", name: "op", role: "operator" } };
  runner = testRunner(t.db, { ctx: admin, concurrency: 2 });
  await runner.start();
});

afterAll(async () => {
  await runner?.stop();
  await t?.cleanup();
});

describe("host key pinning against a real sshd", () => {
  it("refuses to gather facts before the key is pinned", async () => {
    const job = await runFacts();
    expect(job).toMatchObject({ state: "failed", error: expect.stringContaining("not pinned") });
  });

  it("shows the offered key, refuses a wrong confirmation, pins the right one", async () => {
    const seen = await observeHostKey(operator, hostId);
    expect(seen).toMatchObject({ fingerprint: labHost("hv3").hostKeyFingerprint, pinned: null, matchesPin: null });
    await expect(pinHostKey(operator, hostId, "SHA256:" + "B".repeat(43))).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await getHost(t.db, hostId)).hostKey.pinned).toBeNull();
    await pinHostKey(operator, hostId, seen.fingerprint);
    expect((await getHost(t.db, hostId)).hostKey.pinned).toBe(seen.fingerprint);
  });

  it("gathers facts as a job over the pinned connection", async () => {
    const job = await runFacts();
    expect(job.state, job.error).toBe("succeeded");
    expect(job.steps.map((s) => [s.name, s.state])).toEqual([["connect", "succeeded"], ["gather facts", "succeeded"], ["store facts", "succeeded"]]);
    const stored = await readFacts(t.db, hostId);
    expect(stored?.facts).toMatchObject({ hostname: "hv3", libvirtVersion: expect.stringMatching(/^9\./), qemuUser: "libvirt-qemu", qemuGroup: "libvirt-qemu" });
  });

  it("refuses the host once its key changes, and only an admin may re-pin", async () => {
    const old = labHost("hv3").hostKeyFingerprint;
    const rekey = await labCommand("rekey", "hv3");
    expect(rekey.code, rekey.stderr).toBe(0);
    const fresh = labHost("hv3").hostKeyFingerprint;
    expect(fresh).not.toBe(old);

    const job = await runFacts();
    expect(job).toMatchObject({ state: "failed", errorCode: "HOST_KEY_MISMATCH" });
    expect(job.error).toContain(fresh);
    expect(job.steps).toEqual([expect.objectContaining({ name: "connect", state: "failed" })]);

    const seen = await observeHostKey(operator, hostId);
    expect(seen).toMatchObject({ fingerprint: fresh, pinned: old, matchesPin: false });
    await expect(pinHostKey(operator, hostId, fresh)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.auditLog.count({ where: { action: "host.pin-key", result: "refused" } })).toBeGreaterThanOrEqual(2);
    await pinHostKey(admin, hostId, fresh);
    expect((await runFacts()).state).toBe("succeeded");
  });
});
