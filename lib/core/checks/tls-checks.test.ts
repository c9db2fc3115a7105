import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { shellCommand } from "@/lib/core/ssh/shell-quote";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { explainLibvirtError, reasonRow, TLS_FAILURE_REASONS } from "./tls-failure-reasons";
import { classifyTlsResult, probeTlsFrom, tlsEnabled, tlsProbeArgv, tlsTarget } from "./tls-probe";

const facts = (name: string) => parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", name), "utf8"), new Date("2026-12-01T00:00:00Z"));

// libvirt's own words (virnettlscontext.c, virnetsocket.c, qemu_migration.c), as virsh prints them.
const CASES: [string, string][] = [
  ["error: failed to connect to the hypervisor\nerror: authentication failed: Failed to verify peer's certificate\nThe certificate hasn't got a known issuer.", "unknown-issuer"],
  ["error: Certificate failed validation: The certificate hasn't got a known issuer.", "unknown-issuer"],
  ["error: failed to connect to the hypervisor\nerror: Certificate does not match the hostname 10.0.0.12", "hostname-mismatch"],
  ["error: Certificate [session] owner does not match the hostname hv2", "hostname-mismatch"],
  ["error: authentication failed: Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list).", "dn-not-allowed"],
  ["error: The server certificate /etc/pki/libvirt/servercert.pem has expired", "expired"],
  ["error: The client certificate /etc/pki/libvirt/clientcert.pem is not yet active", "not-yet-active"],
  ["error: failed to connect to the hypervisor\nerror: unable to connect to server at 'hv2:16514': Connection refused", "refused"],
  ["error: unable to connect to server at 'hv2:16514': Connection timed out", "timeout"],
  ["error: unable to connect to server at 'hv2:16514': No route to host", "unreachable"],
  ["error: Cannot read from TLS channel: Software caused connection abort", "peer-rejected"],
  ["error: unable to execute QEMU command 'drive-mirror': Failed to connect socket: No route to host", "migration-port-blocked"],
  ["error: internal error: unable to connect to server at 'hv2:49152': No route to host", "migration-port-blocked"],
  ["error: operation failed: this libvirtd instance allows migration only with VIR_MIGRATE_TLS flag", "tls-flag-required"],
  ["error: internal error: hostname on destination resolved to localhost, but migration requires an FQDN", "destination-localhost"],
  ["error: unsupported configuration: migrate_tls_x509_cert_dir directory '/etc/pki/qemu' does not exist", "cert-dir-missing"],
  ["error: internal error: unable to execute QEMU command 'object-add': Unable to access credentials /etc/pki/qemu/client-cert.pem", "credentials-unreadable"],
  ["error: Requested operation is not valid: TLS migration is not supported with this QEMU binary", "tls-unsupported"],
  ["error: something nobody has seen before", "other"],
];

describe("the libvirt error reason table", () => {
  it.each(CASES)("reads %j", (text, reason) => {
    expect(explainLibvirtError(text).reason).toBe(reason);
  });

  it("fills the hosts and the range into the fix", () => {
    const r = explainLibvirtError("unable to execute QEMU command 'drive-mirror': Failed to connect socket: No route to host", { source: "hv1", dest: "hv2" });
    expect(r.fix).toBe("open 49152-49215/tcp on hv2 to hv1: provisioning does this");
    expect(explainLibvirtError("Certificate does not match the hostname 10.0.0.12", { dest: "hv2", target: "10.0.0.12" }).fix).toMatch(/re-issue hv2's certificates with 10\.0\.0\.12/);
  });

  it("has an explanation and a fix for every reason", () => {
    for (const reason of TLS_FAILURE_REASONS) {
      const row = reasonRow(reason, { source: "a", dest: "b" });
      expect(row.explanation.length, reason).toBeGreaterThan(10);
      expect(row.fix, reason).not.toMatch(/\{/);
    }
  });
});

describe("TLS probes", () => {
  it("builds virsh's URI as one quoted word and refuses hostile targets", () => {
    expect(tlsProbeArgv("hv2")).toEqual(["timeout", "15", "virsh", "-c", "qemu+tls://hv2/system", "hostname"]);
    expect(tlsProbeArgv("fd00::2")[4]).toBe("qemu+tls://[fd00::2]/system");
    for (const bad of ["hv2/system?x", "$(id)", "hv2 hv3", "-c", "a;b", "hv2#frag"]) expect(() => tlsProbeArgv(bad), bad).toThrow(/Not a TLS probe target/);
  });

  it("targets the migration address when set, else the host's name", () => {
    expect(tlsTarget({ name: "hv2", migrationAddress: "10.0.0.12" })).toBe("10.0.0.12");
    expect(tlsTarget({ name: "hv2", migrationAddress: null })).toBe("hv2");
  });

  it("classifies the exit code and text", () => {
    expect(classifyTlsResult(0, "")).toEqual({ state: "ok", error: null });
    expect(classifyTlsResult(124, "").state).toBe("timeout");
    expect(classifyTlsResult(1, "error: foo\nerror: bar")).toEqual({ state: "other", error: "error: foo error: bar" });
  });

  it("knows which hosts serve TLS from their facts", () => {
    expect(tlsEnabled(facts("debian12-listen.txt"))).toBe(false);
    const f = facts("debian12-listen.txt");
    expect(tlsEnabled({ ...f, libvirtdConf: { ...f.libvirtdConf, listen_tls: 1 } })).toBe(true);
    expect(tlsEnabled({ ...f, listeningPorts: { tcp16509: true, tls16514: true } })).toBe(true);
    expect(tlsEnabled({ ...f, units: { ...f.units, "virtproxyd-tls.socket": { enabled: "enabled", active: "inactive" } } })).toBe(true);
    expect(tlsEnabled(null)).toBe(false);
  });

  it("runs one virsh per destination as root and records each answer", async () => {
    const conn = new FakeConnection()
      .on((argv) => argv[4] === "qemu+tls://hv2/system", { code: 0, stdout: "hv2\n" })
      .on((argv) => argv[4] === "qemu+tls://10.0.0.13/system", { code: 1, stderr: "error: Certificate does not match the hostname 10.0.0.13\n" });
    const cells = await probeTlsFrom(conn, "hv1", [{ destId: "d2", name: "hv2", target: "hv2" }, { destId: "d3", name: "hv3", target: "10.0.0.13" }]);
    expect(cells).toEqual([
      { destId: "d2", target: "hv2", state: "ok", error: null },
      { destId: "d3", target: "10.0.0.13", state: "hostname-mismatch", error: "error: Certificate does not match the hostname 10.0.0.13" },
    ]);
    expect(conn.commands.every((c) => c.opts.sudo === undefined)).toBe(true);
    expect(conn.commands[0].line).toBe(shellCommand(["timeout", "15", "virsh", "-c", "qemu+tls://hv2/system", "hostname"]));
  });
});
