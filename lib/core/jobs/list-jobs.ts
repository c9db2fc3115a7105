import { z } from "zod";
import type { Db } from "@/lib/core/context";
import { Id, parseInput } from "@/lib/core/validation";
import { listQuery, pageOf, pageWindow, type Page } from "@/lib/core/paging";
import { JOB_STATES, type JobState } from "@/lib/core/jobs/states";

export const JobListQuery = listQuery(["createdAt"], {
  hostId: Id.optional(),
  state: z.enum(JOB_STATES).optional(),
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, "a job kind").optional(),
  parentId: Id.optional(),
});
export type JobListQuery = z.input<typeof JobListQuery>;

export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  progress: number;
  hostId: string | null;
  hostName: string | null;
  parentId: string | null;
  childCount: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

// Newest first, one page at a time. Without a parent filter only top-level jobs are listed
// (a fleet job's children are on its page); a host filter matches every job that locks the host.
export async function listJobs(db: Db, query: JobListQuery = {}): Promise<Page<JobRow>> {
  const q = parseInput(JobListQuery, query);
  const where = {
    ...(q.hostId ? { OR: [{ hostId: q.hostId }, { locks: { some: { hostId: q.hostId } } }] } : { parentId: q.parentId ?? null }),
    ...(q.state ? { state: q.state } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
  };
  const [rows, total] = await Promise.all([
    db.job.findMany({
      where,
      orderBy: [{ createdAt: q.dir ?? "desc" }, { id: q.dir ?? "desc" }],
      ...pageWindow(q),
      include: { host: { select: { name: true } }, _count: { select: { children: true } } },
    }),
    db.job.count({ where }),
  ]);
  const items = rows.map((j) => ({
    id: j.id, kind: j.kind, state: j.state as JobState, progress: j.progress, hostId: j.hostId, hostName: j.host?.name ?? null,
    parentId: j.parentId, childCount: j._count.children, error: j.error, createdBy: j.createdBy,
    createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null,
  }));
  return pageOf(items, total, q);
}
