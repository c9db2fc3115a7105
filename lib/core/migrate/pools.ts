import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import type { HostConnection } from "@/lib/core/ssh/types";

// Every storage pool of a host in ONE remote command: its XML (type, target path) and
// `pool-info --bytes` (state, available space).
export const POOLS_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
v() { timeout 20 virsh -q -c qemu:///system "$@" 2>/dev/null </dev/null; }
v pool-list --all --name | while IFS= read -r p; do
  [ -n "$p" ] || continue
  printf '::vs::pool::%s\n' "$p"
  v pool-dumpxml --pool "$p"
  printf '::vs::info\n'
  v pool-info --pool "$p" --bytes || v pool-info --pool "$p"
done
printf '::vs::end\n'`;

export const PoolInfo = z.object({
  name: z.string(),
  type: z.string(),
  targetPath: z.string().nullable(),
  active: z.boolean(),
  availableBytes: z.number().nullable(),
});
export type PoolInfo = z.infer<typeof PoolInfo>;

const UNIT: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

// "Available: 12345" (--bytes) or "Available: 10.50 GiB" (older virsh without --bytes).
export function parseBytes(v: string | undefined): number | null {
  const m = /^([\d.]+)\s*(B|KiB|MiB|GiB|TiB)?$/i.exec((v ?? "").trim());
  return m ? Math.round(Number(m[1]) * (UNIT[(m[2] ?? "B").toLowerCase()] ?? 1)) : null;
}

export function parsePools(stdout: string): PoolInfo[] {
  if (!stdout.includes("::vs::end")) throw new DomainError("REMOTE_COMMAND_FAILED", "Listing the storage pools did not finish");
  return stdout.split("::vs::pool::").slice(1).map((chunk) => {
    const nl = chunk.indexOf("\n");
    const name = chunk.slice(0, nl);
    const [xml, info = ""] = chunk.slice(nl + 1).split("::vs::info\n");
    const target = /<target>[\s\S]*?<path>([^<]+)<\/path>/.exec(xml)?.[1]?.trim() ?? null;
    return {
      name,
      type: /<pool\s+type=['"]([^'"]+)['"]/.exec(xml)?.[1] ?? "unknown",
      targetPath: target,
      active: /^State:\s*running/mi.test(info),
      availableBytes: parseBytes(/^Available:\s*(.+)$/mi.exec(info)?.[1]),
    };
  });
}

export async function listPools(conn: HostConnection): Promise<PoolInfo[]> {
  const r = await conn.exec(["sh", "-c", POOLS_SCRIPT], { timeoutMs: 60_000 });
  if (!r.stdout.includes("::vs::end")) throw new DomainError("REMOTE_COMMAND_FAILED", `Listing the storage pools failed (exit ${r.code})`);
  return parsePools(r.stdout);
}

// "inode:size" of each path on the host (null where it does not exist): a path that exists on
// both hosts with the same inode is the same file on shared storage.
export async function statPaths(conn: HostConnection, paths: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const absolute = paths.filter((p) => p.startsWith("/") && !p.includes("\n"));
  if (absolute.length === 0) return out;
  const r = await conn.exec(["sh", "-c", `for p in "$@"; do printf '%s\\t%s\\n' "$(stat -L -c '%i:%s' -- "$p" 2>/dev/null)" "$p"; done`, "stat-paths", ...absolute], { timeoutMs: 30_000 });
  for (const line of r.stdout.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const id = line.slice(0, tab);
    out.set(line.slice(tab + 1), /^\d+:\d+$/.test(id) ? id : null);
  }
  return out;
}
