import { createPublicKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePkiSnapshot } from "./parse-pki-snapshot";
import { PKI_SNAPSHOT_SCRIPT } from "./read-pki-snapshot";
import { PKI_FILES } from "@/lib/core/provision/pki-files";

const recorded = readFileSync(path.join(__dirname, "fixtures/pki-snapshot-output.txt"), "utf8");
const readAt = new Date("2026-12-02T06:25:00Z");
const snap = parsePkiSnapshot(recorded, { qemuUser: "nobody", readAt });

describe("parsePkiSnapshot on a recorded run of the script", () => {
  it("reads the clock, the tool used for the QEMU user, and every path's metadata", () => {
    expect(snap.hostClock).toBe(1796193748);
    expect(snap.readCheckTool).toBe("runuser");
    expect(snap.readAt).toBe(readAt.toISOString());
    expect(snap.stats.find((s) => s.path === "/etc/pki/qemu")).toEqual({ path: "/etc/pki/qemu", exists: true, kind: "directory", mode: 0o750, owner: "root", group: "kvm" });
    expect(snap.stats.find((s) => s.path === "/etc/pki/qemu/client-key.pem")).toMatchObject({ kind: "file", mode: 0o600 });
    expect(snap.stats.find((s) => s.path === "/etc/pki/qemu/ca-crl.pem")).toMatchObject({ exists: false, kind: null, mode: null });
    expect(snap.stats.find((s) => s.path === "/etc/pki/libvirt-migrate")).toMatchObject({ exists: true, kind: "directory" });
    expect(snap.strayDirEntries).toEqual(["server-cert.pem"]);
  });

  it("keeps the QEMU user's access as tested (nobody is not in kvm)", () => {
    expect(Object.keys(snap.qemuReadable)).toEqual(PKI_FILES.filter((f) => f.set === "qemu").map((f) => f.path));
    expect(new Set(Object.values(snap.qemuReadable))).toEqual(new Set(["no"]));
  });

  it("decodes certificates and the CRL, and only public keys for the private keys", () => {
    expect(Object.keys(snap.pems).sort()).toEqual(PKI_FILES.filter((f) => !f.role.endsWith("-key") && f.path !== "/etc/pki/qemu/ca-crl.pem").map((f) => f.path).sort());
    expect(snap.pems["/etc/pki/CA/cacrl.pem"]).toMatch(/^-----BEGIN X509 CRL-----/);
    const server = new X509Certificate(snap.pems["/etc/pki/libvirt/servercert.pem"]);
    const key = snap.keys.find((k) => k.path === "/etc/pki/libvirt/private/serverkey.pem")!;
    expect(key.status).toBe("ok");
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(key.publicKeyPem!).export({ type: "spki", format: "der" })).toEqual(server.publicKey.export({ type: "spki", format: "der" }));
    expect(recorded).not.toContain("PRIVATE KEY");
    for (const v of [...Object.values(snap.pems), ...snap.keys.map((k) => k.publicKeyPem ?? "")]) expect(v).not.toContain("PRIVATE KEY");
  });

  it("parses the config files, without the VNC password the script strips", () => {
    expect(snap.conf.libvirtd).toMatchObject({ listen_tls: 1, listen_tcp: 0, auth_tls: "none", tls_allowed_dn_list: ["CN=hv1,O=virtshield", "CN=hv2,O=virtshield"] });
    expect(snap.conf.qemu).toEqual({ default_tls_x509_cert_dir: "/etc/pki/qemu", default_tls_x509_verify: 1, user: "nobody", group: "kvm" });
    expect(snap.conf.virtproxyd).toEqual({});
    expect(snap.units["libvirtd-tls.socket"]).toEqual({ enabled: "disabled", active: "" });
    expect(snap.listeningTcpPorts).toEqual([2024]);
    expect(snap.confErrors).toEqual([]);
  });

  it("leaves sections a host could not fill empty instead of failing", () => {
    const bare = parsePkiSnapshot("::virtshield::clock::\nnot a number\n::virtshield::end::\n", { qemuUser: "qemu", readAt });
    expect(bare).toMatchObject({ hostClock: null, readCheckTool: "none", stats: [], keys: [], pems: {}, units: {}, libvirtdArgs: null });
  });

  it("reports an unparsable config file instead of throwing", () => {
    const broken = parsePkiSnapshot("::virtshield::libvirtd-conf::\nlisten_tls = [\n::virtshield::end::\n", { qemuUser: "qemu", readAt });
    expect(broken.confErrors).toEqual([expect.stringContaining("libvirtd.conf could not be parsed")]);
  });
});

describe("PKI_SNAPSHOT_SCRIPT", () => {
  it("names every path of the layout and takes the QEMU user only as $1", () => {
    for (const f of PKI_FILES) expect(PKI_SNAPSHOT_SCRIPT).toContain(f.path);
    expect(PKI_SNAPSHOT_SCRIPT).toContain("qu=$1");
    expect(PKI_SNAPSHOT_SCRIPT).not.toMatch(/\bcat\b[^\n]*key/);
  });
});
