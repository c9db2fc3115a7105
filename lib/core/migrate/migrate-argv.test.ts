import { describe, expect, it } from "vitest";
import { shellCommand } from "@/lib/core/ssh/shell-quote";
import { migrateArgv, migrationTimeoutMs, type MigrateCommand } from "./migrate-argv";
import { libvirtMessage } from "./migrate-job";
import { explainLibvirtError } from "@/lib/core/checks/tls-failure-reasons";

const base: MigrateCommand = { domain: "vs-mig", dest: "hv2", transport: "tls", copyStorage: false, persistent: true };

describe("migrateArgv", () => {
  it("builds the TLS migration of the reference, persistent by default", () => {
    expect(migrateArgv(base)).toEqual(["virsh", "-c", "qemu:///system", "migrate", "--live", "--p2p", "--tls", "--tls-destination", "hv2", "--verbose", "--persistent", "--undefinesource", "--domain", "vs-mig", "--desturi", "qemu+tls://hv2/system"]);
  });

  it("adds copy-storage, parallel connections and the data NIC; brackets IPv6", () => {
    const argv = migrateArgv({ ...base, copyStorage: true, parallelConnections: 4, migrateAddress: "2001:db8::12", dest: "2001:db8::12" });
    expect(argv).toEqual(expect.arrayContaining(["--copy-storage-all", "--parallel", "--parallel-connections", "4"]));
    expect(argv.slice(-4)).toEqual(["--desturi", "qemu+tls://[2001:db8::12]/system", "--migrateuri", "tcp://[2001:db8::12]"]);
  });

  it("never combines --tls with --tunnelled, and plain goes without --tls to the TCP port", () => {
    for (const c of [base, { ...base, copyStorage: true, parallelConnections: 2 }, { ...base, transport: "plain" as const }]) expect(migrateArgv(c)).not.toContain("--tunnelled");
    const plain = migrateArgv({ ...base, transport: "plain", persistent: false });
    expect(plain).not.toContain("--tls");
    expect(plain).not.toContain("--tls-destination");
    expect(plain).not.toContain("--undefinesource");
    expect(plain).toContain("qemu+tcp://hv2/system");
  });

  it("refuses names and addresses that are not one safe word", () => {
    expect(() => migrateArgv({ ...base, domain: "x; rm -rf /" })).toThrow(/domain name/);
    expect(() => migrateArgv({ ...base, domain: "--tunnelled" })).toThrow(/domain name/);
    expect(() => migrateArgv({ ...base, dest: "-oProxyCommand=x" })).toThrow(/destination/);
    expect(shellCommand(migrateArgv(base))).toBe("virsh -c qemu:///system migrate --live --p2p --tls --tls-destination hv2 --verbose --persistent --undefinesource --domain vs-mig --desturi qemu+tls://hv2/system");
  });
});

describe("migration timeout", () => {
  it("is a minute plus a second per 16 MiB of memory and copied disk", () => {
    expect(migrationTimeoutMs(128 * 1024 ** 2, 0)).toBe(68_000);
    expect(migrationTimeoutMs(1024 ** 3, 1024 ** 3)).toBe(60_000 + 128_000);
  });
});

describe("migration errors", () => {
  it("keeps libvirt's words without virsh's prefixes and progress lines", () => {
    const stderr = "\n\nMigration: [ 12 %]\nerror: internal error: unable to execute QEMU command 'migrate': The certificate hasn't got a known issuer\n\n";
    const text = libvirtMessage(stderr);
    expect(text).toBe("internal error: unable to execute QEMU command 'migrate': The certificate hasn't got a known issuer");
    expect(explainLibvirtError(text).reason).toBe("unknown-issuer");
    // virsh's meter ends in \r, and a failure can follow it on the same line.
    expect(libvirtMessage("\rMigration: [  0 %]\rMigration: [ 37 %]error: operation aborted: migration out job: canceled by client\n\n")).toBe("operation aborted: migration out job: canceled by client");
  });

  it("explains the migration failures of the reference", () => {
    expect(explainLibvirtError("operation failed: job 'migration out' failed: unable to execute QEMU command 'drive-mirror': Failed to connect socket: No route to host").reason).toBe("migration-port-blocked");
    expect(explainLibvirtError("internal error: unable to execute QEMU command 'migrate': Certificate does not match the hostname hv2").reason).toBe("hostname-mismatch");
    expect(explainLibvirtError("operation aborted: migration out job: canceled by client").reason).toBe("migration-aborted");
    // LAB.md: a foreign CA in the destination's /etc/pki/qemu/ca-cert.pem.
    const own = "internal error: unable to execute QEMU command 'object-add': Our own certificate /etc/pki/qemu/server-cert.pem failed validation against /etc/pki/qemu/ca-cert.pem: The certificate hasn't got a known issuer";
    expect(explainLibvirtError(own, { dest: "hv2" })).toMatchObject({ reason: "own-cert-untrusted", fix: expect.stringMatching(/hv2's certificates/) });
    expect(explainLibvirtError("operation failed: domain 'vs-mig' already exists with uuid 5b1d6f2e", { dest: "hv2" }).fix).toMatch(/on hv2/);
  });
});
