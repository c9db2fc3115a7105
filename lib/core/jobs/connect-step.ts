import type { JobContext, JobReporter } from "@/lib/core/jobs/define-job";

// The first step of every job that works on one host: a connection with its pinned key, shown
// as the login it used.
export function connectStep(ctx: JobContext, report: JobReporter, hostId: string) {
  return report.step("connect", () => ctx.ssh.open(hostId), ({ host }) => `${host.sshUser}@${host.address}:${host.sshPort}`);
}
