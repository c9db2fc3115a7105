import type { HostConnection } from "@/lib/core/ssh/types";
import type { DomainInfo } from "./list-domains";

export interface CpuVerdict {
  result: "compatible" | "incompatible" | "unknown";
  detail: string;
}

// `virsh hypervisor-cpu-compare` prints "... is identical to / a superset of / incompatible with
// the CPU provided by hypervisor on the host"; anything else leaves the question open.
export function parseCpuCompare(code: number, stdout: string, stderr: string): CpuVerdict {
  const text = `${stdout} ${stderr}`.replace(/\s+/g, " ").trim();
  if (/incompatible/i.test(text)) return { result: "incompatible", detail: text.slice(0, 300) };
  if (code === 0 && /identical|superset/i.test(text)) return { result: "compatible", detail: "the destination's hypervisor provides the guest's CPU" };
  return { result: "unknown", detail: `virsh could not compare the CPU${text ? `: ${text.slice(0, 200)}` : ""}` };
}

// Best effort: the guest's live <cpu> element compared on the destination, read from stdin.
export async function compareCpu(dest: HostConnection, guest: DomainInfo): Promise<CpuVerdict> {
  const xml = guest.cpuXml;
  if (!xml) return { result: "unknown", detail: "the guest has no <cpu> element: it runs the hypervisor's default model" };
  if (/mode=['"]host-passthrough['"]/.test(xml)) return { result: "unknown", detail: "host-passthrough: the destination needs the same physical CPU (virsh cannot compare it)" };
  const virt = guest.virtType === "qemu" ? ["--virttype", "qemu"] : [];
  const r = await dest.exec(["virsh", "-c", "qemu:///system", "hypervisor-cpu-compare", ...virt, "--file", "/dev/stdin"], { stdin: xml, timeoutMs: 30_000 });
  return parseCpuCompare(r.code, r.stdout, r.stderr);
}
