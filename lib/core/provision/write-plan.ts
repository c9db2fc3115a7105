import type { HostConnection } from "@/lib/core/ssh/types";
import { FIREWALL_MARKER } from "@/lib/core/provision/plan-firewall";
import type { ObservedState, ProvisionPlan, ServiceAction } from "@/lib/core/provision/types";

// Directories, then files (each written atomically with its mode and owner), then configs.
export async function writeFiles(conn: HostConnection, plan: ProvisionPlan, observed: ObservedState): Promise<number> {
  let n = 0;
  for (const d of plan.dirs.filter((x) => x.action !== "none")) {
    await conn.run(["install", "-d", "-m", d.mode.toString(8), "-o", d.owner, "-g", d.group, d.path], { timeoutMs: 15_000 });
    await conn.run(["chmod", d.mode.toString(8), d.path], { timeoutMs: 15_000 });
  }
  for (const f of plan.files) {
    if (f.action === "create" || f.action === "replace") await conn.writeFileAtomic(f.path, f.content ?? "", { mode: f.mode, owner: f.owner, group: f.group });
    else if (f.action === "chmod") {
      await conn.run(["chown", `${f.owner}:${f.group}`, f.path], { timeoutMs: 15_000 });
      await conn.run(["chmod", f.mode.toString(8), f.path], { timeoutMs: 15_000 });
    } else continue;
    n++;
  }
  for (const c of plan.configs.filter((x) => x.action !== "none")) {
    const was = observed.files[c.path];
    // Keep the file's own mode and owner: qemu.conf is 0600 on Debian (it may hold passwords).
    await conn.writeFileAtomic(c.path, c.after, { mode: was?.exists ? was.mode! : 0o644, owner: was?.owner ?? "root", group: was?.group ?? "root" });
    n++;
  }
  return n;
}

export async function applyFirewall(conn: HostConnection, plan: ProvisionPlan): Promise<void> {
  if (!plan.firewall.commands.length) return;
  for (const c of plan.firewall.commands) await conn.run(c.argv, { stdin: c.stdin, timeoutMs: 60_000 });
  await conn.run(["install", "-d", "-m", "700", "/var/lib/virtshield"], { timeoutMs: 15_000 });
  await conn.writeFileAtomic(FIREWALL_MARKER, plan.firewall.hash + "\n", { mode: 0o600 });
}

export async function runService(conn: HostConnection, s: ServiceAction): Promise<void> {
  switch (s.kind) {
    case "enable-socket": return void (await conn.run(["systemctl", "enable", "--now", s.unit], { timeoutMs: 60_000 }));
    case "disable-socket": return void (await conn.run(["systemctl", "disable", "--now", s.unit], { timeoutMs: 60_000 }));
    case "restart": return void (await conn.run(["systemctl", "restart", s.unit], { timeoutMs: 90_000 }));
    case "update-tls": {
      const r = await conn.exec(["virt-admin", "server-update-tls", s.daemon], { timeoutMs: 60_000 });
      // Where virt-admin cannot reload in place, a restart does it (running guests survive it).
      if (r.code !== 0) await conn.run(["systemctl", "restart", `${s.daemon}.service`], { timeoutMs: 90_000 });
    }
  }
}
