import { DomainError } from "@/lib/core/errors";
import { NetworkAddress } from "@/lib/core/validation";
import { DomainName } from "./domain-name";

export interface MigrateCommand {
  domain: string;
  /** The destination as the source reaches it: its migration address, else its name. */
  dest: string;
  /** Set when the destination has a migration address of its own: QEMU's data NIC. */
  migrateAddress?: string;
  transport: "tls" | "plain";
  copyStorage: boolean;
  persistent: boolean;
  parallelConnections?: number;
}

const uriHost = (h: string) => (h.includes(":") ? `[${h}]` : h);

function checkAddress(what: string, v: string): void {
  if (!NetworkAddress.safeParse(v).success || v.startsWith("-")) throw new DomainError("VALIDATION", `Not a ${what}: ${JSON.stringify(v.slice(0, 64))}`);
}

// The argv of `virsh migrate` on the source (shared/reference/libvirt-tls.md §5). Never
// --tunnelled: with --tls it is unsupported, and native TLS is the point.
export function migrateArgv(c: MigrateCommand): string[] {
  if (!DomainName.safeParse(c.domain).success) throw new DomainError("VALIDATION", `Not a domain name: ${JSON.stringify(c.domain.slice(0, 64))}`);
  checkAddress("destination address", c.dest);
  if (c.migrateAddress) checkAddress("migration address", c.migrateAddress);
  const argv = ["virsh", "-c", "qemu:///system", "migrate", "--live", "--p2p"];
  // The name every TLS stream checks the destination's certificate against, NBD disks included:
  // left unset, QEMU's NBD client checks the address it was handed instead (seen on libvirt 9.0).
  if (c.transport === "tls") argv.push("--tls", "--tls-destination", c.dest);
  argv.push("--verbose");
  if (c.copyStorage) argv.push("--copy-storage-all");
  if (c.persistent) argv.push("--persistent", "--undefinesource");
  if (c.parallelConnections && c.parallelConnections > 1) argv.push("--parallel", "--parallel-connections", String(c.parallelConnections));
  // Plain control traffic goes to libvirt's TCP port; with --tls the control channel is TLS too.
  const scheme = c.transport === "tls" ? "qemu+tls" : "qemu+tcp";
  argv.push("--domain", c.domain, "--desturi", `${scheme}://${uriHost(c.dest)}/system`);
  if (c.migrateAddress) argv.push("--migrateuri", `tcp://${uriHost(c.migrateAddress)}`);
  return argv;
}

export const domjobinfoArgv = (domain: string, raw = true) => ["virsh", "-c", "qemu:///system", "domjobinfo", "--domain", domain, ...(raw ? ["--rawstats"] : [])];
export const domjobabortArgv = (domain: string) => ["virsh", "-c", "qemu:///system", "domjobabort", "--domain", domain];
export const domstateArgv = (domain: string) => ["virsh", "-c", "qemu:///system", "domstate", "--domain", domain];
export const monitorArgv = (domain: string, json: string) => ["timeout", "5", "virsh", "-c", "qemu:///system", "qemu-monitor-command", "--domain", domain, "--cmd", json];

const MiB = 1024 ** 2;

// Long enough for the guest's RAM and copied disks at a conservative 20 MiB/s (1 s per 16 MiB
// leaves headroom), plus a minute of setup; past it the migration is aborted.
export function migrationTimeoutMs(memoryBytes: number, copiedDiskBytes: number): number {
  return 60_000 + Math.ceil((memoryBytes + copiedDiskBytes) / (16 * MiB)) * 1000;
}
