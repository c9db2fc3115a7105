import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrl, generateCa, issueHostCertificates, type CaMaterial, type HostCertificates } from "@/lib/core/x509";
import { certificateNames } from "@/lib/core/inventory/host-view";
import { checkPki, type PkiCheckInput } from "./check-pki";
import type { CheckName, Finding } from "./findings";
import { greenSnapshot } from "@/testing/pki-snapshot";
import { Scratch } from "@/testing/x509-fixtures";

const now = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
const host = { name: "hv1", address: "198.18.0.11", migrationAddress: "198.18.1.11", names: ["hv1.lab.example"], ips: [] };
const QEMU_SERVER = "/etc/pki/qemu/server-cert.pem";
const LIBVIRT_SERVER = "/etc/pki/libvirt/servercert.pem";

let ca: CaMaterial;
let foreign: CaMaterial;
let hv1: HostCertificates;
let hv2: HostCertificates;
let crlPem: string;

const identity = (h: typeof host) => ({ name: h.name, ...certificateNames(h) });

beforeAll(async () => {
  [ca, foreign] = await Promise.all([generateCa({ now, keyBits: 2048 }), generateCa({ commonName: "Foreign CA", now, keyBits: 2048 })]);
  [hv1, hv2] = await Promise.all([
    issueHostCertificates({ ca, host: identity(host), now }),
    issueHostCertificates({ ca, host: { name: "hv2", dnsNames: [], ips: ["198.18.0.12"] }, now }),
  ]);
  crlPem = createCrl({ ca, revoked: [], now, crlNumber: 3 });
});

function input(over: Partial<PkiCheckInput> = {}): PkiCheckInput {
  const fleetClientDns = [hv1.clientDn, hv2.clientDn];
  return {
    snapshot: greenSnapshot({ caPem: ca.certificatePem, certs: hv1, crlPem, clientDns: fleetClientDns, now }),
    host, qemuUser: "qemu", qemuGroup: "qemu", daemon: "libvirtd", libvirtMode: "socket-activation",
    ca: { certificatePem: ca.certificatePem, crlPem }, fleetClientDns, issuedSerials: { server: hv1.server.serial, client: hv1.client.serial },
    peerCaFingerprints: [], renewBeforeDays: 30, now,
    ...over,
  };
}

const withSnapshot = (edit: (s: PkiCheckInput["snapshot"]) => void, over: Partial<PkiCheckInput> = {}) => {
  const i = input(over);
  edit(i.snapshot);
  return checkPki(i);
};
const bad = (fs: Finding[]) => fs.filter((f) => f.severity !== "ok");
const one = (fs: Finding[], check: CheckName, path?: string) => {
  const hits = fs.filter((f) => f.check === check && (path === undefined || f.path === path) && f.severity !== "ok");
  expect(hits, `${check} ${path ?? ""}: ${JSON.stringify(bad(fs))}`).toHaveLength(1);
  return hits[0];
};

describe("checkPki on a host as the product provisions it", () => {
  it("is all green, every check of the list represented", () => {
    const fp = new X509Certificate(ca.certificatePem).fingerprint256.toUpperCase();
    const fs = checkPki(input({ peerCaFingerprints: [{ hostName: "hv2", fingerprints: [fp] }] }));
    expect(bad(fs)).toEqual([]);
    const checks = new Set(fs.map((f) => f.check));
    for (const c of ["cluster-ca", "presence", "owner-mode", "qemu-readable", "stray-migrate-dir", "ca", "chain", "issued", "key-match", "key-usage", "san", "validity", "key-size",
      "client-dn", "crl-present", "crl-signature", "crl-fresh", "crl-current", "revoked", "sets-consistent", "tls-listener", "tls-verify", "dn-list", "qemu-tls-dir", "clock"] as const) {
      expect(checks, c).toContain(c);
    }
    expect(fs.every((f) => f.fix === null || f.severity !== "ok")).toBe(true);
  });

  it("says when no peer was validated yet, and errs on a peer holding a different CA", () => {
    expect(checkPki(input()).find((f) => f.check === "cluster-ca")).toMatchObject({ severity: "info" });
    const f = one(checkPki(input({ peerCaFingerprints: [{ hostName: "hv2", fingerprints: ["AA:BB"] }] })), "cluster-ca");
    expect(f).toMatchObject({ severity: "error", fix: "Provision the host" });
    expect(f.message).toContain("hv2");
  });
});

describe("checkPki finds each fault", () => {
  it("a missing file, with the product action as the fix", () => {
    const fs = withSnapshot((s) => {
      s.stats = s.stats.map((x) => (x.path === "/etc/pki/qemu/client-key.pem" ? { ...x, exists: false, kind: null, mode: null, owner: null, group: null } : x));
      s.keys = s.keys.filter((k) => k.path !== "/etc/pki/qemu/client-key.pem");
      delete s.qemuReadable["/etc/pki/qemu/client-key.pem"];
    });
    expect(one(fs, "presence", "/etc/pki/qemu/client-key.pem")).toMatchObject({ severity: "error", set: "qemu", fix: "Provision the host" });
  });

  it("a private key readable by others is an error, a certificate with another mode a warning", () => {
    const fs = withSnapshot((s) => {
      s.stats = s.stats.map((x) => (x.path.endsWith("serverkey.pem") ? { ...x, mode: 0o644 } : x.path.endsWith("clientcert.pem") ? { ...x, mode: 0o600 } : x));
    });
    expect(one(fs, "owner-mode", "/etc/pki/libvirt/private/serverkey.pem")).toMatchObject({ severity: "error", evidence: "0644 root:root, expected 0600 root:root" });
    expect(one(fs, "owner-mode", "/etc/pki/libvirt/clientcert.pem").severity).toBe("warning");
  });

  it("a QEMU file the QEMU user cannot read; without a tool, judged from the bits", () => {
    expect(one(withSnapshot((s) => { s.qemuReadable[QEMU_SERVER] = "no"; }), "qemu-readable", QEMU_SERVER).severity).toBe("error");
    const noTool = withSnapshot((s) => {
      s.readCheckTool = "none";
      for (const p of Object.keys(s.qemuReadable)) s.qemuReadable[p] = "unknown";
      s.stats = s.stats.map((x) => (x.path === QEMU_SERVER ? { ...x, group: "root" } : x));
    });
    expect(one(noTool, "qemu-readable", QEMU_SERVER).severity).toBe("error");
    expect(one(noTool, "qemu-readable", "/etc/pki/qemu/ca-cert.pem").severity).toBe("info");
  });

  it("a stray /etc/pki/libvirt-migrate", () => {
    const fs = withSnapshot((s) => {
      s.stats = s.stats.map((x) => (x.path === "/etc/pki/libvirt-migrate" ? { ...x, exists: true, kind: "directory", mode: 0o755, owner: "root", group: "root" } : x));
      s.strayDirEntries = ["server-cert.pem"];
    });
    expect(one(fs, "stray-migrate-dir")).toMatchObject({ severity: "error", evidence: "exists, holds: server-cert.pem" });
  });

  it("a CA file and leaves from another CA", async () => {
    const other = await issueHostCertificates({ ca: foreign, host: identity(host), now });
    const fs = withSnapshot((s) => {
      s.pems["/etc/pki/CA/cacert.pem"] = foreign.certificatePem;
      s.pems[LIBVIRT_SERVER] = other.server.certificatePem;
    });
    expect(one(fs, "ca", "/etc/pki/CA/cacert.pem").severity).toBe("error");
    expect(one(fs, "chain", "/etc/pki/libvirt/clientcert.pem").message).toContain("Not signed by the CA in /etc/pki/CA/cacert.pem");
    const alone = withSnapshot((s) => { s.pems[QEMU_SERVER] = other.server.certificatePem; });
    expect(one(alone, "chain", QEMU_SERVER).severity).toBe("error");
  });

  it("a key that does not belong to its certificate, and an encrypted key", () => {
    const fs = withSnapshot((s) => {
      const server = s.keys.find((k) => k.path === "/etc/pki/libvirt/private/serverkey.pem")!;
      server.publicKeyPem = s.keys.find((k) => k.path === "/etc/pki/libvirt/private/clientkey.pem")!.publicKeyPem;
      s.keys.find((k) => k.path === "/etc/pki/qemu/client-key.pem")!.status = "encrypted";
    });
    expect(one(fs, "key-match", "/etc/pki/libvirt/private/serverkey.pem").severity).toBe("error");
    expect(one(fs, "key-match", "/etc/pki/qemu/client-key.pem").message).toContain("encrypted");
  });

  it("a server certificate deployed as the client certificate lacks clientAuth", () => {
    const fs = withSnapshot((s) => { s.pems["/etc/pki/qemu/client-cert.pem"] = hv1.server.certificatePem; });
    expect(one(fs, "key-usage", "/etc/pki/qemu/client-cert.pem")).toMatchObject({ severity: "error", message: expect.stringContaining("clientAuth") });
  });

  it("a SAN that misses the migration address", async () => {
    const narrow = await issueHostCertificates({ ca, host: { name: "hv1", dnsNames: ["hv1.lab.example"], ips: ["198.18.0.11"] }, now });
    const fs = withSnapshot((s) => { s.pems[QEMU_SERVER] = narrow.server.certificatePem; });
    expect(one(fs, "san", QEMU_SERVER)).toMatchObject({ severity: "error", fix: "Re-issue certificates", message: expect.stringContaining("198.18.1.11") });
  });

  it("expired, not yet valid, and inside the renewal window", () => {
    const exp = checkPki(input({ now: new Date(now.getTime() + 400 * DAY) }));
    expect(one(exp, "validity", LIBVIRT_SERVER)).toMatchObject({ severity: "error", message: expect.stringContaining("Expired") });
    const early = checkPki(input({ now: new Date(now.getTime() - 2 * DAY) }));
    expect(one(early, "validity", LIBVIRT_SERVER).message).toContain("Not valid yet");
    const soon = checkPki(input({ now: new Date(now.getTime() + 350 * DAY) }));
    expect(one(soon, "validity", LIBVIRT_SERVER)).toMatchObject({ severity: "warning", fix: "Re-issue certificates" });
  });

  it("a pair older than the one the product issued last", () => {
    const fs = checkPki(input({ issuedSerials: { server: hv2.server.serial, client: hv1.client.serial } }));
    expect(one(fs, "issued", QEMU_SERVER)).toMatchObject({ severity: "warning", fix: "Provision the host", evidence: `serial ${hv1.server.serial}, current ${hv2.server.serial}` });
    expect(fs.filter((f) => f.check === "issued" && f.severity !== "ok")).toHaveLength(2);
  });

  it("a client certificate whose DN the fleet does not know", () => {
    expect(one(checkPki(input({ fleetClientDns: [hv2.clientDn] })), "client-dn", "/etc/pki/libvirt/clientcert.pem").severity).toBe("warning");
  });

  describe("the CRL", () => {
    it("missing while the product has one", () => {
      const fs = withSnapshot((s) => {
        s.stats = s.stats.filter((x) => x.path !== "/etc/pki/CA/cacrl.pem");
        delete s.pems["/etc/pki/CA/cacrl.pem"];
      });
      expect(one(fs, "crl-present", "/etc/pki/CA/cacrl.pem").severity).toBe("warning");
    });

    it("signed by another CA", () => {
      const fs = withSnapshot((s) => { s.pems["/etc/pki/qemu/ca-crl.pem"] = createCrl({ ca: foreign, revoked: [], now, crlNumber: 3 }); });
      expect(one(fs, "crl-signature", "/etc/pki/qemu/ca-crl.pem").severity).toBe("error");
    });

    it("past its nextUpdate", () => {
      const fs = checkPki(input({ now: new Date(now.getTime() + 31 * DAY) }));
      expect(one(fs, "crl-fresh", "/etc/pki/CA/cacrl.pem").severity).toBe("error");
    });

    it("older than the product's, which revokes the deployed certificate", () => {
      const newer = createCrl({ ca, revoked: [{ serial: hv1.server.serial, revokedAt: now }], now, crlNumber: 4 });
      const fs = checkPki(input({ ca: { certificatePem: ca.certificatePem, crlPem: newer } }));
      expect(one(fs, "crl-current", "/etc/pki/qemu/ca-crl.pem").severity).toBe("warning");
      expect(one(fs, "revoked", QEMU_SERVER)).toMatchObject({ severity: "error", evidence: `serial ${hv1.server.serial} is on the CRL` });
    });
  });

  it("libvirt and QEMU sets that hold different certificates", () => {
    const fs = withSnapshot((s) => { s.pems[QEMU_SERVER] = hv2.server.certificatePem; });
    expect(one(fs, "sets-consistent")).toMatchObject({ severity: "warning", message: expect.stringContaining("server certificate") });
  });

  it("config keys that leave the files unused or unchecked", () => {
    const fs = withSnapshot((s) => {
      s.units["libvirtd-tls.socket"] = { enabled: "disabled", active: "inactive" };
      s.listeningTcpPorts = [22, 16509];
      s.conf.libvirtd.tls_no_verify_certificate = 1;
      s.conf.libvirtd.tls_allowed_dn_list = [hv1.clientDn];
      s.conf.qemu.default_tls_x509_verify = 0;
    });
    expect(one(fs, "tls-listener").severity).toBe("error");
    expect(one(fs, "dn-list")).toMatchObject({ severity: "error", message: expect.stringContaining(hv2.clientDn) });
    const verify = fs.filter((f) => f.check === "tls-verify");
    expect(verify.map((f) => f.severity)).toEqual(["error", "error"]);
  });

  it("a DN list that matches by glob passes, one that admits anyone warns", () => {
    const glob = withSnapshot((s) => { s.conf.libvirtd.tls_allowed_dn_list = ["CN=hv*,O=virtshield"]; });
    expect(glob.find((f) => f.check === "dn-list")?.severity).toBe("ok");
    expect(one(withSnapshot((s) => { s.conf.libvirtd.tls_allowed_dn_list = ["*"]; }), "dn-list").severity).toBe("warning");
  });

  it("a host clock more than a minute off", () => {
    const fs = withSnapshot((s) => { s.hostClock = Math.floor(now.getTime() / 1000) + 95; });
    expect(one(fs, "clock")).toMatchObject({ severity: "error", message: expect.stringContaining("95 s") });
  });

  describe("a small RSA key", () => {
    const scratch = new Scratch();
    afterAll(() => scratch.remove());
    it("is an error under 2048 bits", () => {
      scratch.write("ca.pem", ca.certificatePem);
      scratch.write("ca-key.pem", ca.privateKeyPem);
      scratch.write("ext.cnf", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:hv1\n");
      scratch.openssl(["req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout", "k.pem", "-subj", "/CN=hv1/O=virtshield", "-out", "r.csr"]);
      scratch.openssl(["x509", "-req", "-in", "r.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-set_serial", "0x1234", "-days", "30", "-extfile", "ext.cnf", "-out", "c.pem"]);
      const small = scratch.openssl(["x509", "-in", "c.pem"]);
      const fs = withSnapshot((s) => { s.pems[LIBVIRT_SERVER] = small; });
      expect(one(fs, "key-size", LIBVIRT_SERVER)).toMatchObject({ severity: "error", evidence: "RSA 1024" });
    });
  });
});
