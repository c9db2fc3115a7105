import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";
import { newProbe, testKinds, type Probe } from "@/testing/job-kinds";
import type { CoreContext } from "@/lib/core/context";
import type { JobRegistry } from "./define-job";
import type { JobRunner } from "./runner";
import { DomainError } from "@/lib/core/errors";
import type { HostConnection } from "@/lib/core/ssh/types";
import { enqueue } from "./enqueue";
import { cancelJob } from "./cancel-job";
import { eventsAfter, getJob, jobOutcome, stepsFromEvents } from "./job-store";
import { canTransition } from "./states";

let t: Awaited<ReturnType<typeof createTestDb>>;
let probe: Probe;
let registry: JobRegistry;
let ctx: CoreContext;
let runner: JobRunner | undefined;
beforeEach(async () => {
  t = await createTestDb();
  probe = newProbe();
  registry = testKinds(probe);
  ctx = { ...testContext(t.db), actor: { type: "user", id: "u1", name: "alice", role: "operator" } };
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await t.cleanup();
});

const start = async (opts: Parameters<typeof testRunner>[1] = {}) => {
  runner = testRunner(t.db, { registry, ctx, ...opts });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
  return runner;
};
const add = (kind: string, input: unknown, as: CoreContext = ctx) => enqueue(as, kind, input, { registry }).then((j) => j.id);

async function host(name: string, pinned = true) {
  const c = await t.db.cluster.upsert({ where: { name: "c" }, create: { name: "c" }, update: {} });
  const fp = pinned ? `SHA256:${"A".repeat(43)}` : null;
  return (await t.db.host.create({ data: { name, address: `${name}.lab`, clusterId: c.id, hostKeyFingerprint: fp } })).id;
}

async function until(what: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error("condition never came true");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("job state machine", () => {
  it("allows only forward transitions", () => {
    expect(canTransition("queued", "running")).toBe(true);
    expect(canTransition("queued", "cancelled")).toBe(true);
    expect(canTransition("running", "cancelled")).toBe(true);
    expect(canTransition("running", "interrupted")).toBe(true);
    expect(canTransition("succeeded", "running")).toBe(false);
    expect(canTransition("cancelled", "running")).toBe(false);
    expect(canTransition("queued", "succeeded")).toBe(false);
  });

  it("derives each step's latest state", () => {
    const ev = (step: string, state: string, message = "") => ({ type: "step", step, state, message });
    expect(stepsFromEvents([ev("a", "running"), ev("b", "running"), ev("a", "succeeded", "done")])).toEqual([
      { name: "a", state: "succeeded", detail: "done" },
      { name: "b", state: "running", detail: "" },
    ]);
  });
});

describe("enqueue", () => {
  it("validates the input against the kind's schema and names the fields", async () => {
    await expect(add("work", { hosts: [], extra: 1 })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: expect.objectContaining({ hosts: expect.any(Array) }) });
    await expect(add("no-such-kind", {})).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await t.db.job.count()).toBe(0);
  });

  it("checks the role, that every locked host exists and is pinned, and audits the start", async () => {
    const viewer = { ...ctx, actor: { ...ctx.actor, name: "v", role: "viewer" as const } };
    const [h1, unpinned] = [await host("hv1"), await host("hv2", false)];
    await expect(add("work", { hosts: [h1] }, viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(add("work", { hosts: [h1, "nosuchhost"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(add("work", { hosts: [h1, unpinned] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("hv2") });
    expect(await t.db.job.count()).toBe(0);
    const id = await add("work", { hosts: [h1] });
    expect(await t.db.auditLog.findFirst({ where: { action: "job.work" } })).toMatchObject({ actorName: "alice", targetId: h1, result: "ok" });
    expect(await getJob(t.db, id)).toMatchObject({ state: "queued", hostId: h1, locks: [h1], createdBy: "alice" });
  });
});

describe("job runner", () => {
  it("runs a job through its steps and records events in order", async () => {
    await start();
    const id = await add("demo", {});
    await runner!.idle();
    const job = await getJob(t.db, id);
    expect(job).toMatchObject({ state: "succeeded", progress: 100, result: { answer: 42 } });
    expect(job.steps).toEqual([
      { name: "connect", state: "succeeded", detail: "said ok" },
      { name: "optional", state: "skipped", detail: "not needed" },
    ]);
    const events = await eventsAfter(t.db, id, 0);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    expect((await eventsAfter(t.db, id, events[2].id)).length).toBe(events.length - 3);
  });

  it("fails a job with the domain message, and hides unexpected errors behind a random ref", async () => {
    await start();
    const [a, b] = [await add("fail", { how: "domain" }), await add("fail", { how: "crash" })];
    await until(async () => (await t.db.job.count({ where: { state: "failed" } })) === 2);
    const failed = await getJob(t.db, a);
    expect(failed).toMatchObject({ state: "failed", error: "hv1 did not answer", errorCode: "HOST_UNREACHABLE", steps: [{ name: "ssh", state: "failed" }] });
    expect(() => jobOutcome(failed)).toThrow(expect.objectContaining({ code: "HOST_UNREACHABLE", message: "hv1 did not answer" }));
    const crashed = await getJob(t.db, b);
    expect(crashed.error).toMatch(/^Unexpected error \(ref [0-9a-f]{8}\)$/);
    expect(crashed.errorCode).toBe("INTERNAL");
    expect(JSON.stringify(await eventsAfter(t.db, b, 0))).not.toContain("secret internals");
  });

  it("marks jobs left running by a crash as interrupted, and cancels the queued children of those parents", async () => {
    const parent = await add("demo", {});
    const child = await enqueue(ctx, "demo", {}, { registry, parentId: parent });
    await t.db.job.update({ where: { id: parent }, data: { state: "running" } });
    await start();
    await runner!.idle();
    expect(await getJob(t.db, parent)).toMatchObject({ state: "interrupted", error: expect.stringContaining("stopped") });
    expect(await getJob(t.db, child.id)).toMatchObject({ state: "cancelled" });
  });

  it("takes every lock of a job at once: overlapping jobs wait (never fail), disjoint ones run in parallel", async () => {
    const [h1, h2, h3] = [await host("hv1"), await host("hv2"), await host("hv3")];
    // A migration h1->h2 and one h2->h1 lock the same pair: they must serialise, not deadlock.
    const ids = [
      await add("work", { hosts: [h1, h2], ms: 40 }),
      await add("work", { hosts: [h2, h1], ms: 40 }),
      await add("work", { hosts: [h2, h3], ms: 40 }),
      await add("work", { hosts: [h3], ms: 40 }),
    ];
    await start({ concurrency: 4 });
    await until(async () => (await t.db.job.count({ where: { state: "succeeded" } })) === 4);
    expect(probe.maxOverlap).toBe(1);
    expect(probe.maxRunning).toBe(2);
    for (const id of ids) expect((await getJob(t.db, id)).state).toBe("succeeded");
  });

  it("runs a parent's children within its parallelism, waits for them and sums them up", async () => {
    const hosts = [await host("hv1"), await host("hv2"), await host("hv3"), await host("hv4"), await host("hv5")];
    // Concurrency 1, taken by the parent: its children run at its parallelism anyway.
    await start({ concurrency: 1 });
    const id = await add("fleet", { hosts, parallelism: 2, child: "flaky" });
    await until(async () => (await getJob(t.db, id)).state === "succeeded");
    const job = await getJob(t.db, id);
    expect(job.children).toHaveLength(5);
    expect(job.childCounts).toEqual({ succeeded: 4, failed: 1 });
    expect(job.result).toMatchObject({ total: 5, counts: { succeeded: 4, failed: 1 } });
    expect(job.children.find((c) => c.state === "failed")).toMatchObject({ hostName: "hv2", error: "hv2 broke" });
    const progress = (await eventsAfter(t.db, id, 0)).filter((e) => e.type === "progress").map((e) => e.progress!);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("never runs more children of one parent than its parallelism", async () => {
    const hosts = await Promise.all(["a1", "a2", "a3", "a4", "a5", "a6"].map((n) => host(n)));
    await start({ concurrency: 8 });
    const id = await add("fleet", { hosts, parallelism: 2 });
    await until(async () => (await getJob(t.db, id)).state === "succeeded");
    expect(probe.maxRunning).toBe(2);
  });

  it("counts a fleet as one job against the global limit, beyond it the fleet's parallelism alone", async () => {
    const hosts = await Promise.all(["b1", "b2", "b3", "b4", "b5", "b6"].map((n) => host(n)));
    const other = await host("b7");
    await start({ concurrency: 1 });
    const fleet = await add("fleet", { hosts, parallelism: 3 });
    const later = await add("work", { hosts: [other], ms: 5 });
    await until(async () => (await getJob(t.db, fleet)).state === "succeeded");
    expect(probe.maxRunning).toBe(3);
    // The top-level job queued behind the fleet waited for the fleet's one slot.
    await until(async () => (await getJob(t.db, later)).state === "succeeded");
    const [f, l] = [await getJob(t.db, fleet), await getJob(t.db, later)];
    expect(Date.parse(l.startedAt!)).toBeGreaterThanOrEqual(Date.parse(f.finishedAt!));
  });
});

describe("cancel", () => {
  it("cancels a running job through its signal, and records who asked", async () => {
    await start();
    const id = await add("wait-for-cancel", {});
    await until(async () => (await getJob(t.db, id)).steps.length === 1);
    expect(await cancelJob(ctx, id)).toMatchObject({ cancelledBy: "alice" });
    await until(async () => (await getJob(t.db, id)).state === "cancelled");
    expect(await getJob(t.db, id)).toMatchObject({ state: "cancelled", error: "Cancelled by alice" });
    expect(await t.db.auditLog.findFirst({ where: { action: "job.cancel", result: "ok" } })).toMatchObject({ actorName: "alice", targetId: id });
    await expect(cancelJob(ctx, id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("closes the SSH connection of a job whose remote command is in flight", async () => {
    const h = await host("hv1");
    let closed = false;
    const hanging: HostConnection = {
      exec: () => new Promise((_, reject) => { const timer = setInterval(() => closed && (clearInterval(timer), reject(new DomainError("HOST_UNREACHABLE", "closed"))), 5); }),
      run: async () => "",
      readFile: async () => null,
      writeFileAtomic: async () => {},
      close: async () => void (closed = true),
    };
    await start({ connect: async () => hanging });
    const id = await add("wait-for-cancel", { hostId: h });
    await until(async () => (await getJob(t.db, id)).steps.some((s) => s.name === "long command"));
    await cancelJob(ctx, id);
    await until(async () => (await getJob(t.db, id)).state === "cancelled");
    expect(closed).toBe(true);
  });

  it("cancels queued jobs at once, and a parent's children with it", async () => {
    const hosts = [await host("hv1"), await host("hv2"), await host("hv3")];
    await start({ concurrency: 4 });
    const id = await add("fleet", { hosts, parallelism: 1, child: "wait-for-cancel" });
    await until(async () => (await getJob(t.db, id)).children.some((c) => c.state === "running"));
    await cancelJob(ctx, id);
    await until(async () => (await getJob(t.db, id)).state === "cancelled");
    const job = await getJob(t.db, id);
    expect(job.children.map((c) => c.state)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(job.childCounts).toEqual({ cancelled: 3 });
  });

  it("is for the job's creator or an admin", async () => {
    const id = await add("demo", {});
    const bob = { ...ctx, actor: { ...ctx.actor, name: "bob" } };
    await expect(cancelJob(bob, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.auditLog.findFirst({ where: { action: "job.cancel", result: "refused" } })).toMatchObject({ actorName: "bob" });
    const admin = { ...ctx, actor: { ...ctx.actor, name: "root", role: "admin" as const } };
    expect(await cancelJob(admin, id)).toMatchObject({ state: "cancelled", cancelledBy: "root" });
  });
});
