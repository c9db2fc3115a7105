// A process that starts a job and never finishes it, so a test can kill it mid-job (a crash).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { silentLogger } from "@/lib/core/context";
import { JobRunner } from "@/lib/core/jobs/runner";
import { createJob } from "@/lib/core/jobs/job-store";

const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${process.argv[2]}` }) });
const runner = new JobRunner({
  db,
  concurrency: 1,
  log: silentLogger,
  handlers: {
    slow: async ({ report }) => {
      await report.step("copy", () => new Promise(() => {}));
    },
  },
});

void (async () => {
  const id = await createJob(db, { kind: "slow", createdBy: "crash-test" });
  await runner.start();
  process.stdout.write(`${id}\n`);
})();
