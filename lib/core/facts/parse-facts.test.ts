import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HostFacts } from "./facts";
import { FACTS_SCRIPT } from "./gather-facts";
import { parseFactsOutput, splitSections } from "./parse-facts";

const NOW = new Date("2026-11-23T12:00:00Z");
const sample = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const parse = (name: string) => parseFactsOutput(sample(name), NOW);

describe("parseFactsOutput: Debian 12, legacy --listen, insecure TCP", () => {
  const f = parse("debian12-listen.txt");

  it("reads identity and versions", () => {
    expect(f.gatheredAt).toBe("2026-11-23T12:00:00.000Z");
    expect(f.hostname).toBe("hv1");
    expect(f.os).toEqual({ id: "debian", idLike: [], versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" });
    expect(f.libvirtInstalled).toBe(true);
    expect(f.libvirtVersion).toBe("9.0.0");
    expect(f.libvirtReachable).toBe(true);
    expect(f.qemuVersion).toBe("7.2.22");
    expect(f.nativeTlsSupported).toBe(true);
    expect(f.migrateTlsForceSupported).toBe(true);
  });

  it("sees the --listen flag with masked sockets and the monolithic daemon", () => {
    expect(f.libvirtMode).toBe("listen-flag");
    expect(f.libvirtdArgs).toBe("--listen");
    expect(f.tlsDaemon).toBe("libvirtd");
    expect(f.libvirtdConfPath).toBe("/etc/libvirt/libvirtd.conf");
    expect(f.units["libvirtd.socket"]).toEqual({ enabled: "masked", active: "inactive" });
  });

  it("reads the insecure libvirtd.conf as found and the distro QEMU account", () => {
    expect(f.libvirtdConf).toEqual({ listen_tls: 0, listen_tcp: 1, auth_tcp: "none" });
    expect(f.qemuConf).toEqual({});
    expect([f.qemuUser, f.qemuGroup, f.qemuUserSource]).toEqual(["libvirt-qemu", "libvirt-qemu", "distro-default"]);
  });

  it("detects a native nftables input chain, domains and listeners", () => {
    expect(f.firewall).toBe("nftables");
    expect(f.firewallTools).toEqual(["nftables", "iptables"]);
    expect(f.virtAdminTlsUpdate).toBe(true);
    expect(f.domains).toEqual([
      { name: "vm1", state: "running" },
      { name: "vm 2 (test)", state: "shut off" },
    ]);
    expect(f.listeningPorts).toEqual({ tcp16509: true, tls16514: false });
    expect(f.listeningTcpPorts).toEqual([22, 16509]);
    expect(f.libvirtMigrateDirExists).toBe(false);
    expect(f.warnings).toEqual([]);
  });
});

describe("parseFactsOutput: Ubuntu 22.04, socket activation, ufw", () => {
  const f = parse("ubuntu2204.txt");

  it("uses Ubuntu's own QEMU account, not its Debian parent's", () => {
    expect(f.os).toMatchObject({ id: "ubuntu", idLike: ["debian"], versionId: "22.04", prettyName: "Ubuntu 22.04.4 LTS" });
    expect([f.qemuUser, f.qemuGroup]).toEqual(["libvirt-qemu", "kvm"]);
  });

  it("reads versions, socket activation and ufw", () => {
    expect([f.libvirtVersion, f.qemuVersion]).toEqual(["8.0.0", "6.2.0"]);
    expect(f.libvirtMode).toBe("socket-activation");
    expect(f.libvirtdArgs).toBe("");
    expect(f.tlsDaemon).toBe("libvirtd");
    expect(f.firewall).toBe("ufw");
    expect(f.firewallTools).toEqual(["ufw", "nftables", "iptables"]);
    expect(f.libvirtdConf).toEqual({});
    expect(f.domains.map((d) => d.state)).toEqual(["running", "paused"]);
    expect(f.listeningTcpPorts).toEqual([22, 53]);
    expect(f.listeningPorts).toEqual({ tcp16509: false, tls16514: false });
  });
});

describe("parseFactsOutput: Fedora 40, modular daemons, firewalld", () => {
  const f = parse("fedora40.txt");

  it("finds virtproxyd as the TLS daemon and reads its config", () => {
    expect(f.libvirtMode).toBe("socket-activation");
    expect(f.tlsDaemon).toBe("virtproxyd");
    expect(f.libvirtdConfPath).toBe("/etc/libvirt/virtproxyd.conf");
    expect(f.libvirtdConf).toEqual({ tls_allowed_dn_list: ["C=US,O=Example,CN=fed40-hv.example.org"] });
  });

  it("takes the libvirt version from virtqemud and the QEMU account from the distro", () => {
    expect([f.libvirtVersion, f.qemuVersion]).toEqual(["10.1.0", "8.2.2"]);
    expect([f.qemuUser, f.qemuGroup, f.qemuUserSource]).toEqual(["qemu", "qemu", "distro-default"]);
    expect(f.qemuConf).toEqual({ default_tls_x509_cert_dir: "/etc/pki/qemu", migrate_tls_force: 1 });
    expect(f.os).toMatchObject({ id: "fedora", versionId: "40", prettyName: "Fedora Linux 40 (Server Edition)" });
  });

  it("prefers a running firewalld over the nft rules it generates", () => {
    expect(f.firewall).toBe("firewalld");
    expect(f.firewallTools).toEqual(["firewalld", "nftables", "iptables"]);
    expect(f.listeningTcpPorts).toEqual([22, 9090]);
  });
});

describe("parseFactsOutput: a host without libvirt", () => {
  const f = parse("no-libvirt.txt");

  it("reports nothing installed, without failing", () => {
    expect(f.libvirtInstalled).toBe(false);
    expect(f.libvirtVersion).toBeNull();
    expect(f.libvirtReachable).toBe(false);
    expect(f.qemuVersion).toBeNull();
    expect(f.nativeTlsSupported).toBe(false);
    expect(f.migrateTlsForceSupported).toBe(false);
    expect(f.libvirtMode).toBe("unknown");
    expect(f.tlsDaemon).toBe("libvirtd");
    expect(f.firewall).toBe("none");
    expect(f.firewallTools).toEqual(["nftables"]);
    expect(f.domains).toEqual([]);
    expect(f.virtAdminTlsUpdate).toBe(false);
    expect(f.warnings).toEqual([]);
  });
});

describe("parseFactsOutput: edge cases", () => {
  const edit = (name: string, section: string, body: string) =>
    sample(name).replace(new RegExp(`(::virtshield::${section}::\\n)[\\s\\S]*?(\\n::virtshield::)`), `$1${body}\n$2`);

  it("prefers qemu.conf user/group over the distro default", () => {
    const f = parseFactsOutput(edit("debian12-listen.txt", "qemu-conf", 'user = "qemu-svc"\ngroup = "kvm"'), NOW);
    expect([f.qemuUser, f.qemuGroup, f.qemuUserSource]).toEqual(["qemu-svc", "kvm", "qemu.conf"]);
  });

  it("keeps going with a warning when a config file cannot be parsed", () => {
    const f = parseFactsOutput(edit("debian12-listen.txt", "qemu-conf", 'user = "unterminated'), NOW);
    expect(f.qemuConf).toEqual({});
    expect(f.warnings[0]).toContain("/etc/libvirt/qemu.conf could not be parsed");
    expect(f.libvirtdConf.listen_tcp).toBe(1);
  });

  it("warns about --listen together with enabled socket units", () => {
    const f = parseFactsOutput(edit("ubuntu2204.txt", "libvirtd-args", '/etc/default/libvirtd:LIBVIRTD_ARGS="--listen"'), NOW);
    expect(f.libvirtMode).toBe("socket-activation");
    expect(f.warnings.join(" ")).toContain("--listen");
  });

  it("treats iptables-nft compat chains as iptables, not native nftables", () => {
    const ruleset = "table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy accept;\n\t\ttcp dport 16509 drop\n\t}\n}";
    let text = edit("no-libvirt.txt", "tools", "nft\niptables");
    text = text.replace(/(::virtshield::nft-ruleset::\n)\n/, `$1${ruleset}\n`);
    text = text.replace(/(::virtshield::iptables-input::\n)\n/, "$1-P INPUT ACCEPT\n-A INPUT -p tcp --dport 16509 -j DROP\n");
    expect(parseFactsOutput(text, NOW).firewall).toBe("iptables");
  });

  it("warns when libvirt is installed but its daemon does not answer", () => {
    const f = parseFactsOutput(edit("debian12-listen.txt", "virsh-version", ""), NOW);
    expect(f.libvirtVersion).toBe("9.0.0");
    expect(f.libvirtReachable).toBe(false);
    expect(f.warnings.join(" ")).toContain("did not answer");
  });

  it("sees a stray /etc/pki/libvirt-migrate and netstat-style listeners", () => {
    let text = edit("no-libvirt.txt", "pki-dirs", "/etc/pki/libvirt-migrate");
    text = text.replace(
      /(::virtshield::listening::\n)[^\n]*\n/,
      "$1Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address Foreign Address State\ntcp 0 0 0.0.0.0:16514 0.0.0.0:* LISTEN\n",
    );
    const f = parseFactsOutput(text, NOW);
    expect(f.libvirtMigrateDirExists).toBe(true);
    expect(f.listeningPorts).toEqual({ tcp16509: false, tls16514: true });
  });

  it("splits sections only on whole marker lines", () => {
    expect(splitSections("junk\n::virtshield::a::\nx ::virtshield::b:: y\n::virtshield::c::\n")).toEqual({
      a: "x ::virtshield::b:: y",
      c: "",
    });
  });
});

describe("parseFactsOutput: the clock and the SASL mechanisms", () => {
  const withSection = (name: string, section: string, body: string) => sample(name).replace("::virtshield::end::", `::virtshield::${section}::\n${body}\n\n::virtshield::end::`);
  const nowS = NOW.getTime() / 1000;

  it("reads Debian 12's default mech_list (gssapi) and an empty section as no mech_list", () => {
    expect(parse("debian12-listen.txt").saslMechanisms).toEqual(["gssapi"]);
    expect(parse("no-libvirt.txt").saslMechanisms).toEqual([]);
  });

  it("leaves both unknown in output from the script before they were read, and such stored facts still load", () => {
    const f = parse("fedora40.txt");
    expect(f.clock).toBeUndefined();
    expect(f.saslMechanisms).toBeUndefined();
    const stored = JSON.parse(JSON.stringify(f)) as Record<string, unknown>;
    expect("clock" in stored || "saslMechanisms" in stored).toBe(false);
    expect(HostFacts.parse(stored).libvirtVersion).toBe("10.1.0");
  });

  it("takes the skew as host time minus the dashboard's, either way", () => {
    expect(parseFactsOutput(withSection("fedora40.txt", "clock", String(nowS + 75)), NOW).clock).toEqual({ hostEpochSeconds: nowS + 75, skewSeconds: 75 });
    expect(parseFactsOutput(withSection("fedora40.txt", "clock", String(nowS - 400)), NOW).clock).toEqual({ hostEpochSeconds: nowS - 400, skewSeconds: -400 });
    expect(parseFactsOutput(withSection("fedora40.txt", "clock", "date: command not found"), NOW).clock).toBeUndefined();
    expect(parseFactsOutput(withSection("fedora40.txt", "clock", ""), NOW).clock).toBeUndefined();
  });

  it("lower-cases the first mech_list line and splits it on blanks", () => {
    const mechs = (body: string) => parseFactsOutput(withSection("fedora40.txt", "sasl-mech", body), NOW).saslMechanisms;
    expect(mechs("mech_list: DIGEST-MD5  gssapi")).toEqual(["digest-md5", "gssapi"]);
    expect(mechs("  mech_list:scram-sha-1\nmech_list: gssapi")).toEqual(["scram-sha-1"]);
    expect(mechs("mech_list:")).toEqual([]);
  });
});

describe("FACTS_SCRIPT", () => {
  it("runs under a real /bin/sh on this machine and parses into valid facts", () => {
    const before = Math.floor(Date.now() / 1000);
    const out = execFileSync("/bin/sh", ["-c", FACTS_SCRIPT], { encoding: "utf8", maxBuffer: 64 << 20 });
    const f = parseFactsOutput(out, new Date(before * 1000));
    expect(HostFacts.parse(f)).toEqual(f);
    // The same clock on both sides: the skew is only the time the script took to reach `date`.
    expect(f.clock?.skewSeconds).toBeGreaterThanOrEqual(0);
    expect(f.clock?.skewSeconds).toBeLessThan(5);
    expect(Array.isArray(f.saslMechanisms)).toBe(true);
    const osId = /^ID=(.*)$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1]?.replace(/"/g, "");
    expect(f.os.id).toBe(osId);
    expect(out).toContain("::virtshield::end::");
  });
});
