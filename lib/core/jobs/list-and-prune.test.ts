import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { createJob } from "./job-store";
import { listJobs } from "./list-jobs";
import { pruneJobs } from "./prune-jobs";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => (t = await createTestDb()));
afterEach(() => t.cleanup());

const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00Z");

async function job(opts: { state?: string; finishedDaysAgo?: number; parentId?: string; kind?: string } = {}) {
  const id = await createJob(t.db, { kind: opts.kind ?? "facts", hostId: null, locks: [], input: {}, createdBy: "t", parentId: opts.parentId });
  const finishedAt = opts.finishedDaysAgo === undefined ? null : new Date(now.getTime() - opts.finishedDaysAgo * DAY);
  await t.db.job.update({ where: { id }, data: { state: opts.state ?? "queued", finishedAt, createdAt: finishedAt ?? now } });
  return id;
}

describe("listJobs", () => {
  it("pages top-level jobs newest first with the total, and filters by state and kind", async () => {
    for (let i = 0; i < 7; i++) await job({ state: "succeeded", finishedDaysAgo: i, kind: i % 2 ? "scan" : "facts" });
    const parent = await job({ state: "running" });
    await job({ parentId: parent });
    const p1 = await listJobs(t.db, { limit: 3 });
    expect(p1).toMatchObject({ total: 8, page: 1, pageSize: 3 });
    expect(p1.items.map((j) => j.id)[0]).toBe(parent);
    expect(p1.items[0].childCount).toBe(1);
    const p3 = await listJobs(t.db, { limit: 3, page: "3" as unknown as number });
    expect(p3.items).toHaveLength(2);
    expect((await listJobs(t.db, { kind: "scan" })).total).toBe(3);
    expect((await listJobs(t.db, { state: "running" })).items.map((j) => j.id)).toEqual([parent]);
    expect((await listJobs(t.db, { parentId: parent })).total).toBe(1);
    await expect(listJobs(t.db, { state: "bogus" as never })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await listJobs(t.db, { limit: 501 })).pageSize).toBe(500);
  });
});

describe("pruneJobs", () => {
  it("drops finished jobs past the retention with their children and events, and keeps the rest", async () => {
    const old = await job({ state: "succeeded", finishedDaysAgo: 91 });
    const oldChild = await job({ state: "failed", finishedDaysAgo: 91, parentId: old });
    const recent = await job({ state: "failed", finishedDaysAgo: 10 });
    const running = await job({ state: "running" });
    expect(await pruneJobs(t.db, { now, retentionDays: 90 })).toEqual({ jobs: 1 });
    const left = (await t.db.job.findMany({ select: { id: true } })).map((j) => j.id).sort();
    expect(left).toEqual([recent, running].sort());
    expect(await t.db.jobEvent.count({ where: { jobId: { in: [old, oldChild] } } })).toBe(0);
  });
});
