import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import type { HostFacts } from "@/lib/core/facts/facts";
import { parseLibvirtConf } from "@/lib/core/config/libvirt-conf";
import { setConfigValues } from "@/lib/core/config/set-config-values";
import { planProvision, planView, type PlanInput } from "./plan-provision";
import { FIREWALL_MARKER } from "./plan-firewall";
import { PKI_DIRS } from "./pki-files";
import type { ObservedState, ProvisionPlan } from "./types";

const now = new Date("2026-12-01T12:00:00Z");
const fixture = (dir: string, name: string) => fs.readFileSync(path.resolve(__dirname, "..", dir, "fixtures", name), "utf8");
// The recorded Debian host filters with nftables; most cases here are about a host without a firewall.
const debian: HostFacts = { ...parseFactsOutput(fixture("facts", "debian12-listen.txt"), now), firewall: "none" };
const fedora = parseFactsOutput(fixture("facts", "fedora40.txt"), now);
// The seeds' insecure start (CloudStack's setup script) on top of Debian's own file.
const LIBVIRTD = setConfigValues(fixture("config", "debian12-libvirtd.conf"), { listen_tcp: 1, auth_tcp: "none", listen_tls: 0 });
const QEMU = fixture("config", "debian12-qemu.conf");

const material = {
  caPem: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
  crlPem: "-----BEGIN X509 CRL-----\nCRL\n-----END X509 CRL-----\n",
  server: { certificatePem: "server-cert", privateKeyPem: "-----BEGIN PRIVATE KEY-----\nserver\n", serial: "0A" },
  client: { certificatePem: "client-cert", privateKeyPem: "-----BEGIN PRIVATE KEY-----\nclient\n", serial: "0B" },
};
const fleet = { clientDns: ["CN=hv2,O=virtshield", "CN=hv1,O=virtshield"], addresses: ["198.18.0.11", "198.18.0.12"] };

// A host in the seeds' insecure start: no PKI files, the distribution's config files.
function insecure(facts: HostFacts): ObservedState {
  return { files: {}, dirs: {}, texts: { [facts.libvirtdConfPath]: LIBVIRTD, "/etc/libvirt/qemu.conf": QEMU }, dashboardAddress: "198.18.0.1" };
}

// What the host looks like once the plan has been applied (as the next read would see it).
function converged(plan: ProvisionPlan, before: ObservedState): ObservedState {
  const files = Object.fromEntries(plan.files.map((f) => [f.path, { exists: true, mode: f.mode, owner: f.owner, group: f.group, sha256: f.sha256 }]));
  const dirs = Object.fromEntries(plan.dirs.map((d) => [d.path, { exists: true, mode: d.mode, owner: d.owner, group: d.group }]));
  const texts = { ...before.texts, ...Object.fromEntries(plan.configs.map((c) => [c.path, c.after])), [FIREWALL_MARKER]: plan.firewall.hash };
  return { files, dirs, texts, dashboardAddress: before.dashboardAddress };
}

const plan = (over: Partial<PlanInput> = {}) =>
  planProvision({ host: { id: "h1", name: "hv1" }, facts: debian, mode: "tls-only", material, fleet, observed: insecure(over.facts ?? debian), ...over });

describe("planProvision on the seeds' insecure Debian host (libvirtd --listen)", () => {
  const p = plan();

  it("writes both PKI sets with their modes and owners, the QEMU set readable by the QEMU group", () => {
    expect(p.files.map((f) => [f.path, f.action, f.mode.toString(8), `${f.owner}:${f.group}`])).toEqual([
      ["/etc/pki/CA/cacert.pem", "create", "644", "root:root"],
      ["/etc/pki/CA/cacrl.pem", "create", "644", "root:root"],
      ["/etc/pki/libvirt/servercert.pem", "create", "644", "root:root"],
      ["/etc/pki/libvirt/private/serverkey.pem", "create", "600", "root:root"],
      ["/etc/pki/libvirt/clientcert.pem", "create", "644", "root:root"],
      ["/etc/pki/libvirt/private/clientkey.pem", "create", "600", "root:root"],
      ["/etc/pki/qemu/ca-cert.pem", "create", "640", "root:libvirt-qemu"],
      ["/etc/pki/qemu/ca-crl.pem", "create", "640", "root:libvirt-qemu"],
      ["/etc/pki/qemu/server-cert.pem", "create", "640", "root:libvirt-qemu"],
      ["/etc/pki/qemu/server-key.pem", "create", "640", "root:libvirt-qemu"],
      ["/etc/pki/qemu/client-cert.pem", "create", "640", "root:libvirt-qemu"],
      ["/etc/pki/qemu/client-key.pem", "create", "640", "root:libvirt-qemu"],
    ]);
    expect(p.dirs.find((d) => d.path === "/etc/pki/libvirt/private")).toMatchObject({ mode: 0o700, action: "create" });
    expect(p.dirs.find((d) => d.path === "/etc/pki/qemu")).toMatchObject({ mode: 0o750, group: "libvirt-qemu" });
  });

  it("turns TLS on and plain TCP off, admits exactly the fleet's DNs, and keeps every other line", () => {
    const conf = p.configs.find((c) => c.path === "/etc/libvirt/libvirtd.conf")!;
    expect(parseLibvirtConf(conf.after)).toMatchObject({ listen_tls: 1, listen_tcp: 0, auth_tls: "none", tls_allowed_dn_list: ["CN=hv1,O=virtshield", "CN=hv2,O=virtshield"] });
    expect(conf.diff).toMatch(/^\+listen_tls = 1$/m);
    expect(conf.diff).toMatch(/^-listen_tcp = 1$/m);
    const kept = LIBVIRTD.split("\n").filter((l) => l.startsWith("#"));
    for (const line of kept.slice(0, 50)) expect(conf.after).toContain(line);
    const qemu = p.configs.find((c) => c.path === "/etc/libvirt/qemu.conf")!;
    expect(parseLibvirtConf(qemu.after)).toMatchObject({ default_tls_x509_cert_dir: "/etc/pki/qemu", default_tls_x509_verify: 1, migrate_tls_force: 1 });
  });

  it("restarts libvirtd, says there is no firewall to change, and sums it up", () => {
    expect(p.services).toEqual([{ kind: "restart", unit: "libvirtd.service" }]);
    expect(p.firewall).toMatchObject({ manager: "none", commands: [] });
    expect(p).toMatchObject({ changed: true, daemon: "libvirtd", summary: expect.stringContaining("12 file(s)") });
  });

  it("never carries private keys into the dry-run answer", () => {
    const view = JSON.stringify(planView(p));
    expect(view).not.toContain("PRIVATE KEY");
    expect(planView(p).files.every((f) => f.content === undefined)).toBe(true);
    expect(p.files.find((f) => f.role === "server-key")).toMatchObject({ secret: true });
  });
});

describe("planProvision is idempotent", () => {
  it("plans nothing, restarts nothing and touches no key for a converged host", () => {
    const first = plan();
    const again = plan({ observed: converged(first, insecure(debian)) });
    expect(again.changed).toBe(false);
    expect(again.services).toEqual([]);
    expect(again.files.every((f) => f.action === "none")).toBe(true);
    expect(again.configs.every((c) => c.action === "none" && Object.keys(c.changes).length === 0)).toBe(true);
    expect(again.summary).toMatch(/^Nothing to do/);
    expect(again.hash).toBe(first.hash);
  });

  it("re-modes a file whose content is right but whose mode is not, and restarts for it", () => {
    const obs = converged(plan(), insecure(debian));
    obs.files["/etc/pki/qemu/server-key.pem"] = { ...obs.files["/etc/pki/qemu/server-key.pem"], mode: 0o644 };
    expect(plan({ observed: obs }).files.find((f) => f.path === "/etc/pki/qemu/server-key.pem")?.action).toBe("chmod");
  });

  it("reloads TLS in place with virt-admin when only the certificates changed", () => {
    const obs = converged(plan(), insecure(debian));
    const renewed = { ...material, server: { ...material.server, certificatePem: "renewed", serial: "0C" } };
    const p = plan({ observed: obs, material: renewed, facts: { ...debian, virtAdminTlsUpdate: true } });
    expect(p.files.filter((f) => f.action !== "none").map((f) => f.path)).toEqual(["/etc/pki/libvirt/servercert.pem", "/etc/pki/qemu/server-cert.pem"]);
    expect(p.services).toEqual([{ kind: "update-tls", daemon: "libvirtd" }]);
  });
});

describe("modes and daemons", () => {
  it("leaves plain TCP listening in tls-alongside and says so", () => {
    const p = plan({ mode: "tls-alongside" });
    const conf = parseLibvirtConf(p.configs[0].after);
    expect(conf.listen_tls).toBe(1);
    expect(conf.listen_tcp).toBe(1);
    expect(parseLibvirtConf(p.configs[1].after).migrate_tls_force).toBeUndefined();
    expect(p.warnings.join(" ")).toMatch(/Plain TCP keeps listening/);
  });

  it("enables virtproxyd's TLS socket under socket activation, never --listen", () => {
    expect(fedora).toMatchObject({ libvirtMode: "socket-activation", tlsDaemon: "virtproxyd" });
    const p = plan({ facts: fedora });
    expect(p.daemon).toBe("virtproxyd");
    expect(p.services).toContainEqual({ kind: "enable-socket", unit: "virtproxyd-tls.socket" });
    expect(p.services.at(-1)).toEqual({ kind: "restart", unit: "virtproxyd.service" });
    expect(p.configs.map((c) => c.path)).not.toContain("/etc/sysconfig/libvirtd");
    expect(p.files.find((f) => f.path === "/etc/pki/qemu/ca-cert.pem")?.group).toBe(fedora.qemuGroup);
  });

  it("gives a libvirtd that serves no network --listen in its args file", () => {
    const p = plan({ facts: { ...debian, libvirtMode: "unknown" }, observed: { ...insecure(debian), texts: { ...insecure(debian).texts, "/etc/default/libvirtd": 'LIBVIRTD_ARGS=""\n' } } });
    expect(p.configs.find((c) => c.path === "/etc/default/libvirtd")?.after).toBe('LIBVIRTD_ARGS="--listen"\n');
  });

  it("warns about a stray /etc/pki/libvirt-migrate and about hosts too old for native TLS", () => {
    const p = plan({ facts: { ...debian, libvirtMigrateDirExists: true, nativeTlsSupported: false } });
    expect(p.warnings.join(" ")).toMatch(/libvirt-migrate exists/);
    expect(p.warnings.join(" ")).toMatch(/too old for native TLS/);
  });
});

describe("firewall rules the product owns", () => {
  it("puts the fleet and the dashboard in its nftables table, and does nothing when the marker matches", () => {
    const p = plan({ facts: { ...debian, firewall: "nftables" } });
    expect(p.firewall.commands).toHaveLength(1);
    const script = p.firewall.commands[0].stdin!;
    expect(p.firewall.commands[0].argv).toEqual(["nft", "-f", "-"]);
    expect(script).toContain("delete table inet virtshield");
    expect(script).toContain("ip saddr { 198.18.0.1, 198.18.0.11, 198.18.0.12 } tcp dport { 16514, 49152-49215 } accept");
    expect(script).toContain("tcp dport 16509 drop");
    const again = plan({ facts: { ...debian, firewall: "nftables" }, observed: converged(p, insecure(debian)) });
    expect(again.firewall.commands).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it("uses a firewalld zone, or ufw rules with the product's comment", () => {
    const fw = plan({ facts: { ...debian, firewall: "firewalld" } }).firewall.commands.map((c) => c.argv.join(" "));
    expect(fw).toContain("firewall-cmd --permanent --zone=virtshield --add-source=198.18.0.11");
    expect(fw).toContain("firewall-cmd --permanent --zone=virtshield --add-port=49152-49215/tcp");
    const ufw = plan({ facts: { ...debian, firewall: "ufw" } }).firewall.commands.map((c) => c.argv.join(" "));
    expect(ufw).toContain("ufw allow from 198.18.0.12 to any port 49152:49215 proto tcp comment virtshield");
    expect(ufw).toContain("ufw deny 16509/tcp comment virtshield");
  });
});

it("covers every PKI directory", () => {
  expect(plan().dirs.map((d) => d.path)).toEqual(PKI_DIRS.map((d) => d.path));
});
