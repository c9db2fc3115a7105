import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { explainLibvirtError, reasonRow, TLS_FAILURE_REASONS } from "./tls-failure-reasons";
import { classifyTlsResult, parseTlsProbeOutput, parseTlsSweep, probeTlsFrom, TLS_PROBE_SCRIPT, tlsEnabled, tlsProbesArgv, tlsSweepArgv, tlsTarget } from "./tls-probe";
import { TLS_PROBES_COMMAND, tlsProbesAnswer } from "@/testing/fake-tls-probes";

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
  it("builds virsh's URIs as quoted words of one fixed script and refuses hostile targets", () => {
    expect(tlsProbesArgv(["hv2", "fd00::2"])).toEqual(["sh", "-c", TLS_PROBE_SCRIPT, "virtshield-tls", "15", "qemu+tls://hv2/system", "qemu+tls://[fd00::2]/system"]);
    for (const bad of ["hv2/system?x", "$(id)", "hv2 hv3", "-c", "a;b", "hv2#frag"]) expect(() => tlsProbesArgv(["hv2", bad]), bad).toThrow(/Not a TLS probe target/);
    for (const bad of ["hv2/system?x", "$(id)", "hv2 hv3", "-c", "a;b", "hv2#frag", "hv2;uri", "\"hv2\""]) expect(() => tlsSweepArgv(["hv2", bad]), bad).toThrow(/Not a TLS probe target/);
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

  it("runs one command on the source for every destination, as root, and reads each answer by position", async () => {
    const out = [
      "::virtshield-tls::result\t0\t0\t",
      // A destination's error text that tries to forge a line stays inside its own.
      "::virtshield-tls::result\t1\t1\terror: Certificate does not match the hostname 10.0.0.13 ::virtshield-tls::result\t0\t0\t",
      "::virtshield-tls::end",
    ].join("\n");
    const conn = new FakeConnection().on(TLS_PROBES_COMMAND, { code: 0, stdout: out });
    const cells = await probeTlsFrom(conn, "hv1", [{ destId: "d2", name: "hv2", target: "hv2" }, { destId: "d3", name: "hv3", target: "10.0.0.13" }, { destId: "d4", name: "hv4", target: "hv4" }]);
    expect(cells).toEqual([
      { destId: "d2", target: "hv2", state: "ok", error: null },
      { destId: "d3", target: "10.0.0.13", state: "hostname-mismatch", error: expect.stringContaining("Certificate does not match the hostname 10.0.0.13") },
      { destId: "d4", target: "hv4", state: "timeout", error: "no answer from the probe of hv4" },
    ]);
    expect(conn.commands).toHaveLength(1);
    expect(conn.commands[0].opts.sudo).toBeUndefined();
  });

  it("sweeps the reachable destinations with one virsh, and probes alone only what the sweep did not pass", async () => {
    // As virsh printed it on the lab: after the failed connect to hv3 it still holds hv2's connection.
    const sweepOut = "::virtshield-tls::0\n\nqemu+tls://hv2/system\n\n::virtshield-tls::1\n\nqemu+tls://hv2/system\n\n::virtshield-tls::2\n\nqemu+tls://hv4/system\n\n";
    const conn = new FakeConnection()
      .on((argv) => argv[0] === "timeout" && argv[2] === "virsh", { code: 0, stdout: sweepOut })
      .on(TLS_PROBES_COMMAND, (argv) => tlsProbesAnswer(argv, () => ({ code: 1, stderr: "error: authentication failed: Failed to verify peer's certificate" })));
    const dests = ["hv2", "hv3", "hv4", "hv5"].map((n) => ({ destId: n, name: n, target: n }));
    const cells = await probeTlsFrom(conn, "hv1", dests, { swept: new Set(["hv2", "hv3", "hv4"]) });
    expect(cells.map((c) => [c.destId, c.state])).toEqual([["hv2", "ok"], ["hv3", "peer-rejected"], ["hv4", "ok"], ["hv5", "peer-rejected"]]);
    expect(conn.commands[0].argv).toEqual(tlsSweepArgv(["hv2", "hv3", "hv4"]));
    expect(conn.commands[0].argv[3]).toBe("echo ::virtshield-tls::0; connect qemu+tls://hv2/system; uri; echo ::virtshield-tls::1; connect qemu+tls://hv3/system; uri; echo ::virtshield-tls::2; connect qemu+tls://hv4/system; uri");
    // hv3 failed the sweep and hv5 was not in it: both probed alone, in one command.
    expect(conn.commands[1].argv.slice(5)).toEqual(["qemu+tls://hv3/system", "qemu+tls://hv5/system"]);
  });

  it("reads a sweep cut off by its timeout as far as it got", () => {
    expect([...parseTlsSweep("::virtshield-tls::0\n\nqemu+tls://hv2/system\n\n::virtshield-tls::1\n", ["hv2", "hv3"])]).toEqual([0]);
    expect([...parseTlsSweep("", ["hv2"])]).toEqual([]);
  });

  it("marks every destination timed out when the command itself fails", async () => {
    const conn = new FakeConnection().on(TLS_PROBES_COMMAND, { code: 127, stderr: "sh: mktemp: not found" });
    const cells = await probeTlsFrom(conn, "hv1", [{ destId: "d2", name: "hv2", target: "hv2" }]);
    expect(cells).toEqual([{ destId: "d2", target: "hv2", state: "timeout", error: expect.stringContaining("mktemp: not found") }]);
  });

  it("runs the script for real: virsh's exit code and error text per URI, in order", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vs-tls-"));
    // A stand-in virsh on PATH: ok for hv2, a libvirt-style error for the rest.
    writeFileSync(path.join(dir, "virsh"), '#!/bin/sh\ncase "$2" in *hv2*) echo hv2; exit 0 ;; esac\necho "error: failed to connect to $2" >&2\nexit 1\n', { mode: 0o755 });
    const argv = tlsProbesArgv(["hv2", "hv3"]);
    const script = argv[2].replace("export LC_ALL=C PATH=/usr/local/sbin:", `export LC_ALL=C PATH=${dir}:/usr/local/sbin:`);
    const stdout = await new Promise<string>((resolve, reject) => execFile("sh", ["-c", script, ...argv.slice(3)], (e, out) => (e ? reject(e) : resolve(out))));
    const parsed = parseTlsProbeOutput(stdout);
    expect(parsed.complete).toBe(true);
    expect([...parsed.results.entries()]).toEqual([[0, { code: 0, stderr: "" }], [1, { code: 1, stderr: "error: failed to connect to qemu+tls://hv3/system " }]]);
  });
});
