import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/core/facts/facts";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { AUDIT_RULES, type AuditHost } from "./audit-rules";
import { evaluateAudit } from "./audit-findings";

const NOW = new Date("2026-12-01T00:00:00Z");
const DAY = 86_400_000;
const facts = (name: string) => parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", name), "utf8"), NOW);
const debian = facts("debian12-listen.txt"); // --listen, listen_tcp = 1, auth_tcp = "none", 16509 open
const fedora = facts("fedora40.txt"); // modular daemons, no TLS socket, migrate_tls_force = 1, a DN list
const ubuntu = facts("ubuntu2204.txt"); // socket activation, nothing listening but ssh

function host(f: HostFacts | null, over: Partial<AuditHost> = {}): AuditHost {
  return { id: "h1", name: "hv1", clusterId: "c1", clusterName: "lab", policy: "tls", sshUser: "admin", hostKeyPinned: true, facts: f, certificates: [], ...over };
}
const rules = (h: AuditHost) => evaluateAudit([h], NOW).map((f) => f.rule).sort();
const has = (h: AuditHost, rule: string) => rules(h).includes(rule);

// A fixture host made to serve TLS the way provisioning leaves it: --listen, listen_tls = 1, a DN list.
const tlsHost = (libvirtd: Partial<HostFacts["libvirtdConf"]> = {}, qemu: Partial<HostFacts["qemuConf"]> = {}): HostFacts => ({
  ...debian,
  libvirtdConf: { listen_tls: 1, listen_tcp: 0, listen_addr: "10.0.0.11", tls_allowed_dn_list: ["C=GB,O=virtshield,CN=hv1"], ...libvirtd },
  qemuConf: { migrate_tls_force: 1, ...qemu },
  listeningPorts: { tcp16509: false, tls16514: true },
});

describe("the audit on the recorded fixtures", () => {
  it("finds the seeds' insecure Debian host critical, on every interface, without migrate_tls_force", () => {
    const found = evaluateAudit([host(debian)], NOW);
    expect(found.map((f) => f.rule).sort()).toEqual(["listen-all-interfaces", "migrate-tls-force-off", "tcp-no-auth"]);
    const tcp = found[0];
    expect(tcp).toMatchObject({ rule: "tcp-no-auth", severity: "critical", hostId: "h1", action: "/hosts/h1#provision" });
    expect(tcp.message).toMatch(/OSSN-0007/);
    expect(tcp.evidence).toMatch(/listen_tcp = 1, auth_tcp = "none"; 16509 listening/);
  });

  it("finds nothing on Fedora 40 (no TCP, no TLS listener, migrate_tls_force = 1)", () => {
    expect(rules(host(fedora))).toEqual([]);
  });

  it("flags Ubuntu 22.04's migrate_tls_force and nothing else", () => {
    expect(rules(host(ubuntu))).toEqual(["migrate-tls-force-off"]);
  });

  it("says a host without facts was not audited, and a host without libvirt has no libvirt findings", () => {
    expect(rules(host(null))).toEqual(["facts-missing"]);
    expect(rules(host(facts("no-libvirt.txt")))).toEqual([]);
  });

  it("finds nothing on a host provisioned for TLS", () => {
    expect(rules(host(tlsHost()))).toEqual([]);
  });
});

describe("each rule", () => {
  it("tcp-sasl-mechanism: DIGEST-MD5 or SCRAM-SHA-1 over TCP is high, gssapi is fine, an unknown list is a warning", () => {
    const sasl = (mechs: string[] | undefined, libvirtd: Partial<HostFacts["libvirtdConf"]> = { ...debian.libvirtdConf, auth_tcp: "sasl" }) => host({ ...debian, libvirtdConf: libvirtd, saslMechanisms: mechs });
    const find = (h: AuditHost) => evaluateAudit([h], NOW).find((x) => x.rule === "tcp-sasl-mechanism");

    const weak = find(sasl(["digest-md5", "gssapi"]));
    expect(weak?.severity).toBe("high");
    expect(weak?.message).toMatch(/SASL DIGEST-MD5: insecure .*RFC 6331/);
    expect(weak?.evidence).toBe('/etc/libvirt/libvirtd.conf: listen_tcp = 1, auth_tcp = "sasl"; 16509 listening; /etc/sasl2/libvirt.conf: mech_list: digest-md5 gssapi');
    expect(find(sasl(["scram-sha-1"]))?.message).toMatch(/SASL SCRAM-SHA-1: insecure/);
    expect(has(sasl(["digest-md5"]), "tcp-no-auth")).toBe(false);

    // Debian 12's default mech_list (the fixture's) is gssapi; scram-sha-256 is not weak.
    expect(debian.saslMechanisms).toEqual(["gssapi"]);
    expect(find(sasl(["gssapi"]))).toBeUndefined();
    expect(find(sasl(["scram-sha-256"]))).toBeUndefined();

    // Unknown: facts from before the list was read, or no mech_list at all.
    const old = find(sasl(undefined));
    expect(old?.severity).toBe("warning");
    expect(old?.message).toMatch(/not known: these facts predate reading the SASL mechanism list/);
    expect(find(sasl([]))?.message).toMatch(/not known: .*sets no mech_list/);

    // auth_tcp unset defaults to sasl; no TCP listener or auth_tcp none: not this rule.
    expect(find(sasl(["digest-md5"], { listen_tcp: 1 }))?.severity).toBe("high");
    expect(find(host({ ...ubuntu, libvirtdConf: { auth_tcp: "sasl" }, saslMechanisms: ["digest-md5"] }))).toBeUndefined();
    expect(find(sasl(["digest-md5"], { listen_tcp: 1, auth_tcp: "none" }))).toBeUndefined();
  });

  it("clock-off: above 60 s a warning, above 300 s high, either way; unknown or close is no finding", () => {
    const clock = (skewSeconds: number, f: HostFacts = debian) => host({ ...f, clock: { hostEpochSeconds: NOW.getTime() / 1000 + skewSeconds, skewSeconds } });
    const find = (h: AuditHost) => evaluateAudit([h], NOW).find((x) => x.rule === "clock-off");

    const behind = find(clock(-90));
    expect(behind).toMatchObject({ severity: "warning", fix: "enable NTP (chrony or systemd-timesyncd) on hv1", action: "/hosts/h1#facts" });
    expect(behind?.message).toMatch(/^hv1's clock is 90 s behind the dashboard's: TLS certificates' validity windows and libvirt's certificate sanity check/);
    expect(behind?.evidence).toBe(`date +%s on hv1 = ${NOW.getTime() / 1000 - 90} when facts were gathered at ${debian.gatheredAt} (skew -90 s)`);

    const ahead = find(clock(301));
    expect(ahead?.severity).toBe("high");
    expect(ahead?.message).toMatch(/301 s ahead of/);
    expect(find(clock(-3600))?.severity).toBe("high");
    expect(find(clock(300))?.severity).toBe("warning");

    expect(find(clock(60))).toBeUndefined();
    expect(find(clock(-2))).toBeUndefined();
    expect(find(host(debian))).toBeUndefined();
    // A host without libvirt yet still gets certificates, so its clock counts.
    expect(find(clock(400, facts("no-libvirt.txt")))?.severity).toBe("high");
  });

  it("tcp-no-auth: a TCP socket unit counts as a listener; listen_tcp without --listen does not", () => {
    const socket = { ...ubuntu, libvirtdConf: { auth_tcp: "none" }, units: { ...ubuntu.units, "libvirtd-tcp.socket": { enabled: "enabled", active: "active" } } };
    expect(has(host(socket), "tcp-no-auth")).toBe(true);
    expect(has(host({ ...ubuntu, libvirtdConf: { listen_tcp: 1, auth_tcp: "none" } }), "tcp-no-auth")).toBe(false);
  });

  it("tls-no-verify-certificate", () => {
    expect(has(host(tlsHost({ tls_no_verify_certificate: 1 })), "tls-no-verify-certificate")).toBe(true);
    expect(has(host(tlsHost({ tls_no_verify_certificate: 0 })), "tls-no-verify-certificate")).toBe(false);
  });

  it("tls-dn-list-missing: missing admits every trusted client, empty admits none", () => {
    const missing = evaluateAudit([host(tlsHost({ tls_allowed_dn_list: undefined }))], NOW).find((x) => x.rule === "tls-dn-list-missing");
    expect(missing?.message).toMatch(/any client certificate/);
    const empty = evaluateAudit([host(tlsHost({ tls_allowed_dn_list: [] }))], NOW).find((x) => x.rule === "tls-dn-list-missing");
    expect(empty?.message).toMatch(/no TLS client is admitted/);
    // No TLS listener: the list does not matter.
    expect(has(host({ ...fedora, libvirtdConf: {} }), "tls-dn-list-missing")).toBe(false);
  });

  it("tls-dn-list-everyone", () => {
    expect(has(host(tlsHost({ tls_allowed_dn_list: ["C=GB,CN=hv2", "*"] })), "tls-dn-list-everyone")).toBe(true);
    expect(has(host(tlsHost({ tls_allowed_dn_list: ["C=GB,O=virtshield,CN=*"] })), "tls-dn-list-everyone")).toBe(false);
  });

  it("listen-all-interfaces: unset or wildcard listen_addr with a listener", () => {
    expect(has(host(tlsHost({ listen_addr: undefined })), "listen-all-interfaces")).toBe(true);
    expect(has(host(tlsHost({ listen_addr: "0.0.0.0" })), "listen-all-interfaces")).toBe(true);
    expect(has(host(tlsHost({ listen_addr: "10.0.0.11" })), "listen-all-interfaces")).toBe(false);
  });

  it("migrate-tls-force-off only where libvirt knows the key (6.10.0)", () => {
    expect(has(host(tlsHost({}, { migrate_tls_force: 0 })), "migrate-tls-force-off")).toBe(true);
    expect(has(host({ ...tlsHost({}, { migrate_tls_force: 0 }), migrateTlsForceSupported: false }), "migrate-tls-force-off")).toBe(false);
  });

  it("qemu-tls-verify-off", () => {
    const found = evaluateAudit([host(tlsHost({}, { default_tls_x509_verify: 0 }))], NOW).find((x) => x.rule === "qemu-tls-verify-off");
    expect(found?.evidence).toBe("/etc/libvirt/qemu.conf: default_tls_x509_verify = 0");
    expect(has(host(tlsHost({}, { migrate_tls_x509_verify: "0" })), "qemu-tls-verify-off")).toBe(true);
    expect(has(host(tlsHost({}, { default_tls_x509_verify: 1 })), "qemu-tls-verify-off")).toBe(false);
  });

  it("nova-tunnelled-with-native-tls where a nova.conf is present", () => {
    const nova = (tunnelled: boolean | null, nativeTls: boolean | null) => ({ confPresent: true, liveMigrationTunnelled: tunnelled, liveMigrationWithNativeTls: nativeTls });
    const found = evaluateAudit([host({ ...tlsHost(), nova: nova(true, null) })], NOW).find((x) => x.rule === "nova-tunnelled-with-native-tls");
    expect(found?.evidence).toBe("/etc/nova/nova.conf: live_migration_tunnelled = true, live_migration_with_native_tls = (unset); libvirt TLS listening");
    expect(has(host({ ...debian, nova: nova(true, true) }), "nova-tunnelled-with-native-tls")).toBe(true);
    expect(has(host({ ...debian, nova: nova(true, null) }), "nova-tunnelled-with-native-tls")).toBe(false);
    expect(has(host({ ...tlsHost(), nova: nova(false, true) }), "nova-tunnelled-with-native-tls")).toBe(false);
    expect(has(host({ ...tlsHost(), nova: { ...nova(true, true), confPresent: false } }), "nova-tunnelled-with-native-tls")).toBe(false);
  });

  it("versions-too-old", () => {
    const old = { ...tlsHost(), libvirtVersion: "4.3.0", qemuVersion: "2.10.1" };
    const found = evaluateAudit([host(old)], NOW).find((x) => x.rule === "versions-too-old");
    expect(found?.evidence).toBe("libvirt 4.3.0 < 4.4.0, QEMU 2.10.1 < 2.11");
    expect(has(host({ ...tlsHost(), libvirtVersion: "4.4.0", qemuVersion: "2.11.0" }), "versions-too-old")).toBe(false);
  });

  it("certificate-expired and certificate-expiring (30 days), one finding per certificate", () => {
    const cert = (days: number, kind = "server") => ({ kind, source: "issued", path: null, serial: `s${days}`, notAfter: new Date(NOW.getTime() + days * DAY) });
    const h = host(tlsHost(), { certificates: [cert(-1), cert(10, "client"), cert(29.5), cert(31)] });
    const found = evaluateAudit([h], NOW);
    expect(found.filter((f) => f.rule === "certificate-expired").map((f) => f.severity)).toEqual(["critical"]);
    expect(found.filter((f) => f.rule === "certificate-expiring").map((f) => f.message).sort()).toEqual(["hv1's client certificate expires in 10 days", "hv1's server certificate expires in 29 days"]);
    expect(found.find((f) => f.rule === "certificate-expired")?.action).toBe("/hosts/h1#host-certificates");
  });

  it("policy-allows-plain-tcp for prefer-tls and legacy clusters", () => {
    expect(has(host(tlsHost(), { policy: "prefer-tls" }), "policy-allows-plain-tcp")).toBe(true);
    expect(evaluateAudit([host(tlsHost(), { policy: "legacy" })], NOW).find((f) => f.rule === "policy-allows-plain-tcp")?.action).toBe("/clusters");
    expect(has(host(tlsHost(), { policy: "tls" }), "policy-allows-plain-tcp")).toBe(false);
  });

  it("host-key-unpinned and ssh-as-root (info)", () => {
    const found = evaluateAudit([host(tlsHost(), { hostKeyPinned: false, sshUser: "root" })], NOW);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([["host-key-unpinned", "warning"], ["ssh-as-root", "info"]]);
  });

  it("every rule has a fix and a unique name, and findings come worst first", () => {
    expect(new Set(AUDIT_RULES.map((r) => r.rule)).size).toBe(AUDIT_RULES.length);
    for (const r of AUDIT_RULES) expect(r.fix.length, r.rule).toBeGreaterThan(10);
    const found = evaluateAudit([host(debian, { sshUser: "root", policy: "legacy" })], NOW);
    expect(found.map((f) => f.severity)).toEqual(["critical", "warning", "warning", "warning", "info"]);
  });
});
