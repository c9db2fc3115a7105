import type { Db } from "@/lib/core/context";
import { isDomainError } from "@/lib/core/errors";
import type { JobReporter } from "@/lib/core/jobs/define-job";
import { appendEvent } from "@/lib/core/jobs/job-store";

// Steps, logs and progress as append-only events: what the browser follows over SSE.
export function jobReporter(db: Db, jobId: string): JobReporter {
  return {
    async step(name, fn, detail) {
      await appendEvent(db, jobId, { type: "step", step: name, state: "running" });
      try {
        const r = await fn();
        await appendEvent(db, jobId, { type: "step", step: name, state: "succeeded", message: detail ? detail(r) : "" });
        return r;
      } catch (e) {
        await appendEvent(db, jobId, { type: "step", step: name, state: "failed", message: isDomainError(e) ? e.message : "failed" });
        throw e;
      }
    },
    skip: (name, why) => appendEvent(db, jobId, { type: "step", step: name, state: "skipped", message: why }),
    log: (message) => appendEvent(db, jobId, { type: "log", message }),
    progress: (percent, message) => appendEvent(db, jobId, { type: "progress", progress: percent, message }),
  };
}
