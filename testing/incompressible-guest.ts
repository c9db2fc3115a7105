// A lab guest whose RAM is full of incompressible data, for migration tests and the transport
// benchmark (LAB.md): no guest OS, a QEMU loader device copies a blob of /dev/urandom into memory
// at start. The destination's QEMU opens the blob too when it starts, so every host gets one.
export type RootShell = (host: string, command: string, stdin?: string) => Promise<{ code: number; stdout: string; stderr: string }>;

// The loader writes above the first 256 MiB, clear of the firmware's low memory.
const LOAD_AT_MiB = 256;

export const blobPath = (name: string) => `/var/lib/libvirt/images/${name}.blob`;

export function incompressibleGuestXml(name: string, memoryMiB: number): string {
  return `<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>${name}</name>
  <memory unit='MiB'>${memoryMiB}</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <on_crash>destroy</on_crash>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices>
  <qemu:commandline>
    <qemu:arg value='-device'/>
    <qemu:arg value='loader,file=${blobPath(name)},addr=0x${(LOAD_AT_MiB * 1024 * 1024).toString(16)},force-raw=on'/>
  </qemu:commandline>
</domain>
`;
}

/**
 * Writes a `dataMiB` blob on every host and defines and starts the guest on `on`. Without
 * `memoryMiB` the guest gets just enough RAM to hold the data above the loader's address.
 */
export async function createIncompressibleGuest(sh: RootShell, opts: { name: string; on: string; hosts: string[]; dataMiB: number; memoryMiB?: number }): Promise<{ memoryMiB: number }> {
  const memoryMiB = opts.memoryMiB ?? LOAD_AT_MiB + opts.dataMiB;
  if (memoryMiB < LOAD_AT_MiB + opts.dataMiB) throw new Error(`${opts.dataMiB} MiB of data do not fit above ${LOAD_AT_MiB} MiB in ${memoryMiB} MiB of RAM`);
  const blob = blobPath(opts.name);
  for (const h of opts.hosts) {
    const r = await sh(h, `head -c ${opts.dataMiB}M /dev/urandom > ${blob} && chmod 0644 ${blob}`);
    if (r.code !== 0) throw new Error(`could not write ${blob} on ${h}: ${r.stderr}`);
  }
  const defined = await sh(opts.on, `cat > /tmp/${opts.name}.xml && virsh define /tmp/${opts.name}.xml && virsh start ${opts.name}`, incompressibleGuestXml(opts.name, memoryMiB));
  if (defined.code !== 0) throw new Error(`could not start ${opts.name} on ${opts.on}: ${defined.stderr}`);
  return { memoryMiB };
}

/** Destroys and undefines the guest wherever it is, and removes its blob from every host. */
export async function removeIncompressibleGuest(sh: RootShell, name: string, hosts: string[]): Promise<void> {
  for (const h of hosts) await sh(h, `virsh destroy ${name} >/dev/null 2>&1; virsh undefine ${name} >/dev/null 2>&1; rm -f ${blobPath(name)} /tmp/${name}.xml; true`);
}
