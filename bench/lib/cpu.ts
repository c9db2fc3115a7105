import fs from "node:fs";

// Where the CPU went while something ran: this process (the dashboard's side of a job) and the
// whole machine (in the lab that includes every host's sshd, libvirtd and virsh).
export interface CpuUse {
  /** CPU seconds of this process. */
  processSeconds: number;
  /** Busy share of all cores over the run, 0-1. */
  machineBusy: number;
}

function machineTicks(): { busy: number; total: number } {
  // /proc/stat's first line: user nice system idle iowait irq softirq steal ...
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export async function cpuDuring<T>(fn: () => Promise<T>): Promise<{ value: T; cpu: CpuUse }> {
  const [m0, p0] = [machineTicks(), process.cpuUsage()];
  const value = await fn();
  const [m1, p1] = [machineTicks(), process.cpuUsage(p0)];
  const total = m1.total - m0.total;
  return { value, cpu: { processSeconds: (p1.user + p1.system) / 1e6, machineBusy: total > 0 ? (m1.busy - m0.busy) / total : 0 } };
}
