// Proves the hypervisor lab is sound: real sshd, libvirtd and QEMU per host, the seeds' insecure
// start state, plain-TCP live migration, the firewall scenario and the systemctl stand-in.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, labExec, readLab, type Lab, type LabHost } from "./lab";
import { sftpReplace, sshRun, type SshRunResult } from "./lab-ssh";

let lab: Lab;
const guests: { host: string; name: string }[] = [];

beforeAll(() => {
  lab = readLab();
});

// A guest may have migrated anywhere: remove it from every host.
async function removeGuest(name: string): Promise<void> {
  for (const h of lab.hosts) {
    await labExec(h.name, ["virsh", "-q", "destroy", name]);
    await labExec(h.name, ["virsh", "-q", "undefine", name, "--remove-all-storage"]);
    // --undefinesource leaves the source's copy of a migrated disk behind.
    await labExec(h.name, ["virsh", "-q", "vol-delete", `${name}.qcow2`, "--pool", "default"]);
  }
}

afterAll(async () => {
  for (const g of guests) await removeGuest(g.name);
  await labCommand("firewall", "hv3", "open");
});

function host(name: string): LabHost {
  const h = lab.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`${name} missing from hosts.json`);
  return h;
}

function asRoot(name: string, command: string): Promise<SshRunResult> {
  return sshRun({ host: host(name), user: "root", privateKey: lab.privateKey, command });
}

async function virsh(name: string, args: string): Promise<SshRunResult> {
  return asRoot(name, `virsh -c qemu:///system ${args}`);
}

async function startGuest(name: string, guest: string, disk = false): Promise<void> {
  await removeGuest(guest);
  guests.push({ host: name, name: guest });
  const r = await labCommand("guest", name, guest, ...(disk ? ["--disk"] : []));
  expect(r.code, r.stderr).toBe(0);
}

function tcpPortOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 5_000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

describe("lab hosts", () => {
  it("lists three hosts in 198.18.0.0/24 with sudo user vsops", () => {
    expect(lab.hosts.map((h) => h.name)).toEqual(["hv1", "hv2", "hv3"]);
    for (const h of lab.hosts) {
      expect(h.address).toMatch(/^198\.18\.0\.\d{1,3}$/);
      expect(h).toMatchObject({ sshPort: 22, sshUser: "root", sudoUser: "vsops" });
      expect(h.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
    expect(lab.privateKey).toContain("BEGIN OPENSSH PRIVATE KEY");
    expect(lab.publicKey).toMatch(/^ssh-ed25519 /);
  });

  it.each(["hv1", "hv2", "hv3"])("%s: root logs in with the lab key; host key matches hosts.json", async (name) => {
    const r = await asRoot(name, "hostname; id -un");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([name, "root"]);
    expect(r.presentedFingerprint).toBe(host(name).hostKeyFingerprint);
  });

  it.each(["hv1", "hv2", "hv3"])("%s: vsops logs in and has passwordless sudo", async (name) => {
    const r = await sshRun({ host: host(name), user: "vsops", privateKey: lab.privateKey, command: "id -un; sudo -n true && sudo -n id -un" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(["vsops", "root"]);
  });

  it("refuses a host whose key does not match the pin", async () => {
    const wrongPin = host("hv2").hostKeyFingerprint;
    await expect(sshRun({ host: host("hv1"), user: "root", privateKey: lab.privateKey, command: "true", expectFingerprint: wrongPin }))
      .rejects.toThrow(/verification failed/i);
  });

  it.each(["hv1", "hv2", "hv3"])("%s: libvirtd answers with libvirt 9 and QEMU 7", async (name) => {
    const r = await virsh(name, "version");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Using library: libvirt 9\.\d+\.\d+/);
    expect(r.stdout).toMatch(/Running hypervisor: QEMU 7\.\d+\.\d+/);
  });

  it.each(["hv1", "hv2", "hv3"])("%s: starts in the seeds' insecure state (plain TCP, no auth, no TLS)", async (name) => {
    const conf = await asRoot(name, "grep -E '^(listen_tcp|auth_tcp|listen_tls) ' /etc/libvirt/libvirtd.conf; cat /etc/default/libvirtd | grep ^LIBVIRTD_ARGS");
    expect(conf.stdout.trim().split("\n").sort()).toEqual(['LIBVIRTD_ARGS="--listen"', 'auth_tcp = "none"', "listen_tcp = 1", "listen_tls = 0"]);
    const pki = await asRoot(name, "find /etc/pki -type f | wc -l");
    expect(pki.stdout.trim()).toBe("0");
    expect(await tcpPortOpen(host(name).address, 16509)).toBe(true);
    expect(await tcpPortOpen(host(name).address, 16514)).toBe(false);
    const pool = await virsh(name, "pool-info default");
    expect(pool.stdout).toMatch(/State:\s+running/);
    expect(pool.stdout).toMatch(/Autostart:\s+yes/);
  });

  it("lets root replace /etc/default/libvirtd atomically over SFTP, in that host only", async () => {
    const path = "/etc/default/libvirtd";
    const before = (await asRoot("hv1", `cat ${path}`)).stdout;
    await sftpReplace(host("hv1"), "root", lab.privateKey, path, `${before}# lab-sftp-test\n`);
    expect((await asRoot("hv1", `tail -n 1 ${path}`)).stdout.trim()).toBe("# lab-sftp-test");
    expect((await asRoot("hv2", `cat ${path}`)).stdout).toBe(before);
    await sftpReplace(host("hv1"), "root", lab.privateKey, path, before);
    expect((await asRoot("hv1", `cat ${path}`)).stdout).toBe(before);
  });

  it("has a systemctl stand-in with systemctl's exit codes", async () => {
    const r = await asRoot("hv1", "systemctl is-active libvirtd; echo rc=$?; systemctl is-active libvirtd-tls.socket; echo rc=$?; systemctl is-enabled libvirtd-tls.socket; echo rc=$?; systemctl is-active ssh virtlogd; echo rc=$?");
    expect(r.stdout.trim().split("\n")).toEqual(["active", "rc=0", "inactive", "rc=3", "disabled", "rc=1", "active", "active", "rc=0"]);
  });
});

describe("live migration over plain TCP", () => {
  it("migrates a running guest from hv1 to hv2 with virsh on hv1", async () => {
    await startGuest("hv1", "lab-vm");
    const m = await virsh("hv1", "migrate --live --p2p --persistent --undefinesource lab-vm qemu+tcp://hv2/system");
    expect(m.code, m.stderr).toBe(0);
    expect((await virsh("hv2", "domstate lab-vm")).stdout.trim()).toBe("running");
    const left = await virsh("hv1", "list --all --name");
    expect(left.stdout.split("\n").map((s) => s.trim())).not.toContain("lab-vm");
  });

  it("keeps a running guest running across systemctl restart libvirtd", async () => {
    const pidBefore = (await asRoot("hv2", "cat /run/libvirt/qemu/lab-vm.pid")).stdout.trim();
    expect(pidBefore).toMatch(/^\d+$/);
    const r = await asRoot("hv2", "systemctl restart libvirtd");
    expect(r.code, r.stderr).toBe(0);
    expect((await virsh("hv2", "domstate lab-vm")).stdout.trim()).toBe("running");
    expect((await asRoot("hv2", "cat /run/libvirt/qemu/lab-vm.pid")).stdout.trim()).toBe(pidBefore);
  });

  it("fails systemctl restart libvirtd when its config is broken, and recovers", async () => {
    const conf = "/etc/libvirt/libvirtd.conf";
    await asRoot("hv3", `cp ${conf} ${conf}.lab-test`);
    try {
      await asRoot("hv3", `echo 'listen_tcp = "unterminated' >> ${conf}`);
      const broken = await asRoot("hv3", "systemctl restart libvirtd");
      expect(broken.code).not.toBe(0);
      expect(broken.stderr).toMatch(/libvirtd/);
      expect((await asRoot("hv3", "systemctl is-active libvirtd")).code).toBe(3);
    } finally {
      await asRoot("hv3", `mv ${conf}.lab-test ${conf}`);
    }
    const fixed = await asRoot("hv3", "systemctl restart libvirtd && systemctl is-active libvirtd");
    expect(fixed.code, fixed.stderr).toBe(0);
  });

  it("fails a migration into a host whose migration ports are blocked, and succeeds once open", async () => {
    await startGuest("hv2", "lab-fw-vm");
    const block = await labCommand("firewall", "hv3", "block");
    expect(block.code, block.stderr).toBe(0);
    const m = await virsh("hv2", "migrate --live --p2p --persistent --undefinesource lab-fw-vm qemu+tcp://hv3/system");
    expect(m.code).not.toBe(0);
    expect(m.stderr).toMatch(/No route to host/);
    expect((await virsh("hv2", "domstate lab-fw-vm")).stdout.trim()).toBe("running");
    expect((await labCommand("firewall", "hv3", "open")).code).toBe(0);
    const again = await virsh("hv2", "migrate --live --p2p --persistent --undefinesource lab-fw-vm qemu+tcp://hv3/system");
    expect(again.code, again.stderr).toBe(0);
    expect((await virsh("hv3", "domstate lab-fw-vm")).stdout.trim()).toBe("running");
  });

  it("migrates a guest with a qcow2 disk in pool default with --copy-storage-all", async () => {
    await startGuest("hv1", "lab-disk-vm", true);
    const m = await virsh("hv1", "migrate --live --p2p --persistent --undefinesource --copy-storage-all lab-disk-vm qemu+tcp://hv3/system");
    expect(m.code, m.stderr).toBe(0);
    expect((await virsh("hv3", "domstate lab-disk-vm")).stdout.trim()).toBe("running");
    const vol = await virsh("hv3", "vol-info lab-disk-vm.qcow2 --pool default");
    expect(vol.stdout).toMatch(/Capacity:\s+64\.00 MiB/);
  });
});

describe("lab maintenance commands", () => {
  it("rekey gives a host a new sshd host key that a pinned client refuses", async () => {
    const before = host("hv3").hostKeyFingerprint;
    const r = await labCommand("rekey", "hv3");
    expect(r.code, r.stderr).toBe(0);
    const after = readLab().hosts.find((h) => h.name === "hv3")!;
    expect(after.hostKeyFingerprint).not.toBe(before);
    await expect(sshRun({ host: after, user: "root", privateKey: lab.privateKey, command: "true", expectFingerprint: before }))
      .rejects.toThrow(/verification failed/i);
    const ok = await sshRun({ host: after, user: "root", privateKey: lab.privateKey, command: "hostname" });
    expect(ok.stdout.trim()).toBe("hv3");
    lab = readLab();
  });

  it("status reports every host up with sshd and libvirtd alive", async () => {
    const r = await labCommand("status");
    expect(r.code).toBe(0);
    for (const h of lab.hosts) {
      expect(r.stdout).toMatch(new RegExp(`^${h.name}\\s+${h.address.replace(/\./g, "\\.")}\\s+up sshd=alive libvirtd=alive`, "m"));
    }
  });

  it("refuses an exec into a host that does not exist", async () => {
    const r = await labCommand("exec", "hv9", "--", "true");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/hv9 is not up/);
  });
});
