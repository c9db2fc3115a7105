// A process that starts a job and never finishes it, so a test can kill it mid-job (a crash).
import { z } from "zod";
import { VirtshieldSqlite } from "@/lib/server/sqlite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { defineJob, jobRegistryOf } from "@/lib/core/jobs/define-job";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { testContext } from "@/testing/test-db";
import { testRunner } from "@/testing/job-runner";

const db = new PrismaClient({ adapter: new VirtshieldSqlite({ url: `file:${process.argv[2]}` }) });
const slow = defineJob({
  kind: "slow",
  input: z.strictObject({}),
  permission: "jobs:run",
  locks: () => [],
  run: async (_ctx, { report }) => {
    await report.step("copy", () => new Promise(() => {}));
  },
});
const registry = jobRegistryOf([slow]);
const runner = testRunner(db, { registry, concurrency: 1 });

void (async () => {
  const { id } = await enqueue(testContext(db), "slow", {}, { registry });
  await runner.start();
  process.stdout.write(`${id}\n`);
})();
