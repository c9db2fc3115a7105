import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { silentLogger } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { JobRunner, type JobHandler } from "./runner";
import { createJob, eventsAfter, getJob, jobOutcome, stepsFromEvents } from "./job-store";
import { canTransition } from "./states";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => (t = await createTestDb()));
afterEach(() => t.cleanup());

const runner = (handlers: Record<string, JobHandler>, concurrency = 4) => new JobRunner({ db: t.db, handlers, concurrency, log: silentLogger });

async function host(name: string) {
  const c = await t.db.cluster.upsert({ where: { name: "c" }, create: { name: "c" }, update: {} });
  return (await t.db.host.create({ data: { name, address: `${name}.lab`, clusterId: c.id } })).id;
}

describe("job state machine", () => {
  it("allows only forward transitions", () => {
    expect(canTransition("queued", "running")).toBe(true);
    expect(canTransition("running", "interrupted")).toBe(true);
    expect(canTransition("succeeded", "running")).toBe(false);
    expect(canTransition("queued", "succeeded")).toBe(false);
    expect(canTransition("interrupted", "running")).toBe(false);
  });
});

describe("job runner", () => {
  it("runs a job through its steps and records events in order", async () => {
    const r = runner({
      demo: async ({ report }) => {
        await report.step("connect", async () => "ok", (x) => `said ${x}`);
        await report.progress(50, "half");
        await report.skip("optional", "not needed");
        return { answer: 42 };
      },
    });
    const id = await createJob(t.db, { kind: "demo", createdBy: "test" });
    await r.start();
    await r.idle();
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

  it("fails a job with the domain message, and hides unexpected errors behind a ref", async () => {
    const r = runner({
      domain: async ({ report }) => report.step("ssh", async () => { throw new DomainError("HOST_UNREACHABLE", "hv1 did not answer"); }),
      crash: async () => { throw new Error("secret internals /root/.ssh/id"); },
    });
    const a = await createJob(t.db, { kind: "domain", createdBy: "t" });
    const b = await createJob(t.db, { kind: "crash", createdBy: "t" });
    await r.start();
    await r.idle();
    const failed = await getJob(t.db, a);
    expect(failed).toMatchObject({ state: "failed", error: "hv1 did not answer", errorCode: "HOST_UNREACHABLE", steps: [{ name: "ssh", state: "failed" }] });
    expect(() => jobOutcome(failed)).toThrow(expect.objectContaining({ code: "HOST_UNREACHABLE", message: "hv1 did not answer" }));
    const crashed = await getJob(t.db, b);
    expect(crashed.error).toMatch(/^Unexpected error \(ref \w+\)$/);
    expect(crashed.errorCode).toBe("INTERNAL");
    expect(JSON.stringify(await eventsAfter(t.db, b, 0))).not.toContain("secret internals");
  });

  it("marks jobs left running by a crash as interrupted at start", async () => {
    const id = await createJob(t.db, { kind: "demo", createdBy: "t" });
    await t.db.job.update({ where: { id }, data: { state: "running" } });
    const r = runner({ demo: async () => null });
    expect(await r.start()).toEqual({ interrupted: 1 });
    await r.idle();
    expect(await getJob(t.db, id)).toMatchObject({ state: "interrupted", error: expect.stringContaining("stopped") });
  });

  it("runs one job per host at a time but different hosts in parallel, within the limit", async () => {
    const [h1, h2] = [await host("hv1"), await host("hv2")];
    let active = 0;
    let maxActive = 0;
    const perHost = new Map<string, number>();
    let maxPerHost = 0;
    const r = runner({
      work: async ({ hostId }) => {
        active++;
        perHost.set(hostId!, (perHost.get(hostId!) ?? 0) + 1);
        maxActive = Math.max(maxActive, active);
        maxPerHost = Math.max(maxPerHost, perHost.get(hostId!)!);
        await new Promise((res) => setTimeout(res, 20));
        perHost.set(hostId!, perHost.get(hostId!)! - 1);
        active--;
      },
    }, 2);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createJob(t.db, { kind: "work", hostId: h1, createdBy: "t" }), await createJob(t.db, { kind: "work", hostId: h2, createdBy: "t" }));
    await r.start();
    await r.idle();
    for (const id of ids) expect((await getJob(t.db, id)).state).toBe("succeeded");
    expect(maxPerHost).toBe(1);
    expect(maxActive).toBe(2);
  });

  it("derives each step's latest state", () => {
    const ev = (step: string, state: string, message = "") => ({ type: "step", step, state, message });
    expect(stepsFromEvents([ev("a", "running"), ev("b", "running"), ev("a", "succeeded", "done")])).toEqual([
      { name: "a", state: "succeeded", detail: "done" },
      { name: "b", state: "running", detail: "" },
    ]);
  });
});
