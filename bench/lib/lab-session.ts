// The lab for figures 1 and 2: brought up only when a lab figure is selected, and taken down
// afterwards only if this run started it. lab.sh has no per-host down, so hosts added to a lab
// that was already up are left up (and said so).
import { labCommand, readLab } from "@/e2e/lab/lab";

function hostsUp(): string[] {
  try {
    return readLab().hosts.map((h) => h.name);
  } catch {
    return []; // no lab state: nothing is up
  }
}

export async function withLab<T>(hosts: number, log: (s: string) => void, fn: () => Promise<T>): Promise<T> {
  const before = hostsUp();
  log(`lab: bash e2e/lab/lab.sh up --hosts ${hosts} (${before.length ? `${before.length} host(s) already up` : "not up yet"})`);
  const up = await labCommand("up", "--hosts", String(hosts));
  if (up.code !== 0) throw new Error(`lab up failed (exit ${up.code}):\n${up.stderr}${up.stdout}`);
  try {
    return await fn();
  } finally {
    if (before.length === 0) {
      const down = await labCommand("down");
      log(down.code === 0 ? "lab: down (this run brought it up)" : `lab: down failed (exit ${down.code}): ${down.stderr}`);
    } else {
      const added = hostsUp().filter((h) => !before.includes(h));
      log(`lab: left up, it was up before this run${added.length ? `; this run added ${added.join(", ")}` : ""}`);
    }
  }
}
