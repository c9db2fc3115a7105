import { z } from "zod";
import { DomainError } from "@/lib/core/errors";
import type { HostConnection } from "@/lib/core/ssh/types";

// Every domain of a host in ONE remote command: dominfo (state, memory, vCPUs), the live XML
// (disks, CPU), and per disk `qemu-img info` plus its inode (to recognise shared storage).
export const DOMAINS_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
v() { timeout 20 virsh -q -c qemu:///system "$@" 2>/dev/null </dev/null; }
v list --all --name | while IFS= read -r d; do
  [ -n "$d" ] || continue
  printf '::vs::domain::%s\n' "$d"
  printf '::vs::dominfo\n'; v dominfo --domain "$d"
  printf '::vs::xml\n'; v dumpxml --domain "$d"
  v domblklist --domain "$d" --details | while read -r type device target src; do
    [ "$device" = disk ] || continue
    printf '::vs::disk::%s\t%s\t%s\n' "$target" "$type" "$src"
    case "$src" in /*) [ -e "$src" ] && { printf '::vs::inode::%s\n' "$(stat -L -c '%i:%s' -- "$src" 2>/dev/null)"; timeout 20 qemu-img info -U --output=json -- "$src" 2>/dev/null </dev/null; } ;; esac
  done
  printf '::vs::enddomain\n'
done
printf '::vs::end\n'`;

export const DiskInfo = z.object({
  target: z.string(),
  type: z.string(), // file | block | network | volume
  path: z.string(),
  format: z.string().nullable(),
  virtualSize: z.number().nullable(),
  actualSize: z.number().nullable(),
  /** "inode:size" of the file, to recognise the same file seen from another host. */
  fileId: z.string().nullable(),
});
export type DiskInfo = z.infer<typeof DiskInfo>;

export const DomainInfo = z.object({
  name: z.string(),
  state: z.string(),
  persistent: z.boolean(),
  memoryKiB: z.number(),
  vcpus: z.number(),
  /** The domain type: kvm, or qemu (TCG). */
  virtType: z.string(),
  /** The guest's <cpu> element from the live XML, for hypervisor-cpu-compare; null when it has none. */
  cpuXml: z.string().nullable(),
  disks: z.array(DiskInfo),
});
export type DomainInfo = z.infer<typeof DomainInfo>;

function dominfoField(text: string, key: string): string | null {
  const m = new RegExp(`^${key}:\\s*(.*)$`, "mi").exec(text);
  return m ? m[1].trim() : null;
}

const KIB: Record<string, number> = { kib: 1, mib: 1024, gib: 1024 ** 2, b: 1 / 1024 };
function kib(v: string | null): number {
  const m = /^(\d+)\s*(KiB|MiB|GiB|B)?$/i.exec(v ?? "");
  return m ? Math.round(Number(m[1]) * (KIB[(m[2] ?? "KiB").toLowerCase()] ?? 1)) : 0;
}

function qemuImg(json: string): { format: string | null; virtualSize: number | null; actualSize: number | null } {
  try {
    const j = JSON.parse(json) as { format?: unknown; "virtual-size"?: unknown; "actual-size"?: unknown };
    const num = (x: unknown) => (typeof x === "number" ? x : null);
    return { format: typeof j.format === "string" ? j.format : null, virtualSize: num(j["virtual-size"]), actualSize: num(j["actual-size"]) };
  } catch {
    return { format: null, virtualSize: null, actualSize: null };
  }
}

// The disk's driver type from the XML, for disks qemu-img could not read (block, network).
function xmlFormat(xml: string, target: string): string | null {
  for (const m of xml.matchAll(/<disk\b[\s\S]*?<\/disk>/g)) {
    if (new RegExp(`<target\\s+dev=['"]${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}['"]`).test(m[0])) {
      return /<driver\b[^>]*\btype=['"]([^'"]+)['"]/.exec(m[0])?.[1] ?? null;
    }
  }
  return null;
}

function parseDomain(name: string, body: string): DomainInfo {
  const info = body.split("::vs::xml\n")[0].replace(/^::vs::dominfo\n/, "");
  const rest = body.slice(body.indexOf("::vs::xml\n") + "::vs::xml\n".length);
  const firstDisk = rest.indexOf("::vs::disk::");
  const xml = firstDisk >= 0 ? rest.slice(0, firstDisk) : rest;
  const disks: DiskInfo[] = [];
  for (const chunk of rest.split("::vs::disk::").slice(1)) {
    const [head, ...lines] = chunk.split("\n");
    const [target = "", type = "", path = ""] = head.split("\t");
    const text = lines.join("\n");
    const fileId = /^::vs::inode::(\d+:\d+)$/m.exec(text)?.[1] ?? null;
    const img = qemuImg(text.replace(/^::vs::inode::.*$/m, "").trim());
    disks.push({ target, type, path, format: img.format ?? xmlFormat(xml, target), virtualSize: img.virtualSize, actualSize: img.actualSize, fileId });
  }
  const cpu = /<cpu\b[\s\S]*?(<\/cpu>|\/>)/.exec(xml)?.[0] ?? null;
  return {
    name,
    state: dominfoField(info, "State") ?? "unknown",
    persistent: dominfoField(info, "Persistent") === "yes",
    memoryKiB: kib(dominfoField(info, "Used memory") ?? dominfoField(info, "Max memory")),
    vcpus: Number(dominfoField(info, "CPU\\(s\\)") ?? "0") || 0,
    virtType: /<domain\s+type=['"]([^'"]+)['"]/.exec(xml)?.[1] ?? "kvm",
    cpuXml: cpu,
    disks,
  };
}

export function parseDomainList(stdout: string): DomainInfo[] {
  if (!stdout.includes("::vs::end")) throw new DomainError("REMOTE_COMMAND_FAILED", "Listing the domains did not finish");
  const out: DomainInfo[] = [];
  for (const chunk of stdout.split("::vs::domain::").slice(1)) {
    const nl = chunk.indexOf("\n");
    const name = chunk.slice(0, nl);
    const body = chunk.slice(nl + 1).split("::vs::enddomain")[0];
    out.push(parseDomain(name, body));
  }
  return out;
}

export async function listDomains(conn: HostConnection): Promise<DomainInfo[]> {
  const r = await conn.exec(["sh", "-c", DOMAINS_SCRIPT], { timeoutMs: 120_000 });
  if (!r.stdout.includes("::vs::end")) {
    throw new DomainError("REMOTE_COMMAND_FAILED", `Listing the domains failed (exit ${r.code})${r.stderr.trim() ? `: ${r.stderr.trim().slice(0, 300)}` : ""}`);
  }
  return parseDomainList(r.stdout);
}
