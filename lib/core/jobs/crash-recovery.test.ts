// A real crash: a separate process runs a job and is killed with SIGKILL mid-step. The next
// runner to start must show that job as interrupted, never as running forever.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { jobRegistryOf } from "./define-job";
import { testRunner } from "@/testing/job-runner";
import { eventsAfter, getJob } from "./job-store";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => (t = await createTestDb()));
afterAll(() => t.cleanup());

async function untilRunning(jobId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await getJob(t.db, jobId).catch(() => null);
    if (job?.state === "running" && job.steps.some((s) => s.name === "copy")) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the child never started its job");
}

describe("crash recovery", () => {
  it("marks a job whose process was killed mid-step as interrupted at the next start", async () => {
    const tsx = path.resolve(__dirname, "../../../node_modules/.bin/tsx");
    const child = spawn(tsx, [path.resolve(__dirname, "../../../testing/crash-child.ts"), t.file], { stdio: ["ignore", "pipe", "inherit"] });
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => resolve(d.toString().trim()));
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(await untilRunning(jobId)).toMatchObject({ state: "running", steps: [{ name: "copy", state: "running" }] });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect((await getJob(t.db, jobId)).state).toBe("running");

    const next = testRunner(t.db, { registry: jobRegistryOf([]), concurrency: 1 });
    expect(await next.start()).toEqual({ interrupted: 1 });
    const job = await getJob(t.db, jobId);
    expect(job).toMatchObject({ state: "interrupted", error: expect.stringContaining("stopped"), finishedAt: expect.any(String) });
    const last = (await eventsAfter(t.db, jobId, 0)).at(-1);
    expect(last).toMatchObject({ type: "state", state: "interrupted" });
    await next.stop();
  }, 60_000);
});
