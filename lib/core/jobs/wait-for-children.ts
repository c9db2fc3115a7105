import type { Db } from "@/lib/core/context";
import type { ChildrenSummary, JobReporter } from "@/lib/core/jobs/define-job";
import { isFinal, type JobState } from "@/lib/core/jobs/states";

// A parent's wait: its progress is the mean of its children's, each child's end is logged,
// and it returns once every child has ended (cancelled ones included).
export async function waitForChildren(db: Db, parentId: string, report: JobReporter, opts: { pollMs: number; onCancel: () => Promise<void>; signal: AbortSignal }): Promise<ChildrenSummary> {
  const seen = new Set<string>();
  let lastProgress = -1;
  let cancelling = false;
  for (;;) {
    if (opts.signal.aborted && !cancelling) {
      cancelling = true;
      await opts.onCancel();
    }
    const children = await db.job.findMany({
      where: { parentId },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, hostId: true, state: true, progress: true, error: true, host: { select: { name: true } } },
    });
    for (const c of children) {
      if (!isFinal(c.state as JobState) || seen.has(c.id)) continue;
      seen.add(c.id);
      await report.log(`${c.host?.name ?? c.kind}: ${c.state}${c.error ? ` (${c.error})` : ""}`);
    }
    const progress = children.length ? Math.floor(children.reduce((sum, c) => sum + (isFinal(c.state as JobState) ? 100 : c.progress), 0) / children.length) : 100;
    if (progress !== lastProgress) {
      lastProgress = progress;
      await report.progress(Math.min(progress, 99), `${seen.size} of ${children.length} done`);
    }
    if (seen.size === children.length) {
      const counts: ChildrenSummary["counts"] = {};
      for (const c of children) counts[c.state as JobState] = (counts[c.state as JobState] ?? 0) + 1;
      return {
        total: children.length,
        counts,
        children: children.map((c) => ({ id: c.id, kind: c.kind, hostId: c.hostId, state: c.state as JobState, ...(c.error ? { error: c.error } : {}) })),
      };
    }
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}
