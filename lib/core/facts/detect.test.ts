import { describe, expect, it } from "vitest";
import { atLeast, compareVersions, distroQemuAccount, hasListenFlag, parseLibvirtdArgs, parseOsRelease } from "./detect";

describe("versions", () => {
  it("compares dotted versions numerically", () => {
    expect(compareVersions("9.0.0", "4.4.0")).toBeGreaterThan(0);
    expect(compareVersions("10.1.0", "9.10.0")).toBeGreaterThan(0);
    expect(compareVersions("2.11", "2.11.0")).toBe(0);
    expect(compareVersions("2.9.1", "2.11")).toBeLessThan(0);
    expect(atLeast("6.10.0", "6.10.0")).toBe(true);
    expect(atLeast("6.9.9", "6.10.0")).toBe(false);
    expect(atLeast(null, "1.0")).toBe(false);
  });
});

describe("distroQemuAccount", () => {
  it.each([
    ["fedora", [], "qemu:qemu"],
    ["rhel", ["fedora"], "qemu:qemu"],
    ["centos", ["rhel", "fedora"], "qemu:qemu"],
    ["rocky", ["rhel", "centos", "fedora"], "qemu:qemu"],
    ["almalinux", ["rhel", "centos", "fedora"], "qemu:qemu"],
    ["opensuse-leap", ["suse", "opensuse"], "qemu:qemu"],
    ["sles", [], "qemu:qemu"],
    ["ubuntu", ["debian"], "libvirt-qemu:kvm"],
    ["debian", [], "libvirt-qemu:libvirt-qemu"],
    ["raspbian", ["debian"], "libvirt-qemu:libvirt-qemu"],
    ["linuxmint", ["ubuntu", "debian"], "libvirt-qemu:kvm"],
    ["arch", [], "libvirt-qemu:libvirt-qemu"],
    ["plan9", [], "root:root"],
  ])("%s (like %j) → %s", (id, like, expected) => {
    const a = distroQemuAccount(id, like);
    expect(`${a.user}:${a.group}`).toBe(expected);
  });
});

describe("small readers", () => {
  it("reads os-release quoting", () => {
    expect(parseOsRelease('ID="rhel"\nNAME=\'Red Hat\'\nPRETTY_NAME="A \\"quoted\\" name"\n# comment\nBAD LINE')).toEqual({
      ID: "rhel",
      NAME: "Red Hat",
      PRETTY_NAME: 'A "quoted" name',
    });
  });

  it("takes the last LIBVIRTD_ARGS assignment and finds --listen", () => {
    expect(parseLibvirtdArgs('/etc/default/libvirtd:LIBVIRTD_ARGS="--timeout 120"\n/etc/sysconfig/libvirtd:LIBVIRTD_ARGS="--listen"')).toBe(
      "--listen",
    );
    expect(parseLibvirtdArgs("")).toBeNull();
    expect(hasListenFlag("--timeout 120 --listen")).toBe(true);
    expect(hasListenFlag("-l")).toBe(true);
    expect(hasListenFlag("--listening-is-not-a-flag")).toBe(false);
  });
});
