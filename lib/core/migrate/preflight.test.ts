import { beforeAll, describe, expect, it } from "vitest";
import { generateCa, issueHostCertificates } from "@/lib/core/x509";
import { preflight, parallelSupport, certCovers } from "./preflight";
import type { PreflightHost, PreflightInput } from "./preflight-types";
import { decideTransport } from "./policy";

const now = new Date("2026-12-02T07:00:00Z");
let serverPem = "";

beforeAll(async () => {
  const ca = await generateCa({ commonName: "test CA", now });
  serverPem = (await issueHostCertificates({ ca, host: { name: "hv2", dnsNames: ["hv2.lab"], ips: ["198.18.0.12"] }, now })).server.certificatePem;
}, 60_000);

const host = (id: string, over: Partial<PreflightHost> = {}): PreflightHost => ({
  id, name: id, pinned: true, reachable: true, reachError: null, tlsEnabled: true, provisioned: true,
  validation: { checkedAt: now.toISOString(), errors: 0, firstError: null }, libvirtVersion: "9.0.0", qemuVersion: "7.2.0", ...over,
});

const disk = { target: "vda", type: "file", path: "/var/lib/libvirt/images/g.qcow2", format: "qcow2", virtualSize: 64 * 1024 ** 2, actualSize: 1024 ** 2, fileId: "1:1" };

function input(over: Partial<PreflightInput> = {}): PreflightInput {
  return {
    policy: "tls", allowPlain: false, copyStorage: false, parallel: null, clusterParallel: true,
    source: host("hv1"), dest: host("hv2"), target: "hv2", destServerCertPem: serverPem,
    ports: [16514, 16509, 49152, 49183, 49215].map((port) => ({ port, state: port === 16514 ? "open" : "refused", error: null })),
    tlsProbe: { state: "ok", error: null }, probedAt: now.toISOString(), probeSource: "fresh",
    guest: { name: "g", state: "running", persistent: true, memoryKiB: 131072, vcpus: 1, virtType: "qemu", cpuXml: null, disks: [] },
    disks: [], destPools: [{ name: "default", type: "dir", targetPath: "/var/lib/libvirt/images", active: true, availableBytes: 10 * 1024 ** 3 }],
    cpu: { result: "compatible", detail: "ok" },
    ...over,
  };
}

const failed = (r: ReturnType<typeof preflight>) => r.checks.filter((c) => !c.ok && c.severity === "error").map((c) => c.name);
const byName = (r: ReturnType<typeof preflight>, n: string) => r.checks.find((c) => c.name === n)!;

describe("preflight", () => {
  it("passes a TLS-ready pair with a running guest, parallel on for QEMU 7.2 on both", () => {
    const r = preflight(input());
    expect(failed(r)).toEqual([]);
    expect(r).toMatchObject({ ok: true, transport: "tls", parallel: true, plainConfirmed: false });
    expect(r.checks.every((c) => typeof c.detail === "string" && c.detail.length > 0)).toBe(true);
  });

  it("fails unpinned or unreachable hosts", () => {
    const r = preflight(input({ dest: host("hv2", { pinned: false, reachable: false, reachError: "No route to host" }) }));
    expect(failed(r)).toEqual(expect.arrayContaining(["host keys pinned", "hosts reachable"]));
    expect(r.ok).toBe(false);
  });

  it("under tls refuses a pair whose destination has no TLS listener, even with allowPlain", () => {
    const r = preflight(input({ dest: host("hv2", { tlsEnabled: false }), allowPlain: true }));
    expect(r.transport).toBeNull();
    expect(failed(r)).toEqual(expect.arrayContaining(["policy", "TLS enabled"]));
  });

  it("under prefer-tls goes plain only with allowPlain, as a warning to audit", () => {
    const notReady = { policy: "prefer-tls" as const, dest: host("hv2", { tlsEnabled: false }), ports: [{ port: 16509, state: "open" as const, error: null }, { port: 49152, state: "refused" as const, error: null }] };
    expect(preflight(input(notReady))).toMatchObject({ ok: false, transport: null });
    const r = preflight(input({ ...notReady, allowPlain: true }));
    expect(r).toMatchObject({ ok: true, transport: "plain", plainConfirmed: true });
    expect(byName(r, "policy")).toMatchObject({ ok: true, severity: "warning" });
    expect(byName(r, "port 16509").ok).toBe(true);
    // TLS-ready: TLS, whatever allowPlain says.
    expect(preflight(input({ policy: "prefer-tls", allowPlain: true }))).toMatchObject({ transport: "tls", plainConfirmed: false });
  });

  it("fails a certificate that does not name the target, passes its IP", () => {
    expect(failed(preflight(input({ target: "hv2.other" })))).toContain("destination certificate");
    expect(preflight(input({ target: "198.18.0.12" })).ok).toBe(true);
    expect(certCovers(serverPem, "hv2.lab")).toBe(true);
    expect(certCovers(serverPem, "198.18.0.99")).toBe(false);
  });

  it("fails a closed 16514, a filtered migration range, and a failed TLS handshake with its reason", () => {
    const ports = [{ port: 16514, state: "timeout" as const, error: null }, { port: 49152, state: "timeout" as const, error: null }];
    const r = preflight(input({ ports, tlsProbe: { state: "unknown-issuer", error: "The certificate hasn't got a known issuer" } }));
    expect(failed(r)).toEqual(expect.arrayContaining(["port 16514", "migration ports", "TLS handshake"]));
    expect(byName(r, "TLS handshake").detail).toMatch(/unknown-issuer/);
  });

  it("fails validation errors and old versions; warns about a host never validated", () => {
    const r = preflight(input({ source: host("hv1", { validation: { checkedAt: now.toISOString(), errors: 2, firstError: "CA differs" }, qemuVersion: "2.10.0" }) }));
    expect(failed(r)).toEqual(expect.arrayContaining(["PKI validation", "versions"]));
    const w = preflight(input({ dest: host("hv2", { validation: null }) }));
    expect(w.ok).toBe(true);
    expect(byName(w, "PKI validation")).toMatchObject({ ok: false, severity: "warning" });
  });

  it("fails a guest that is missing or not running", () => {
    expect(failed(preflight(input({ guest: null })))).toContain("guest");
    expect(byName(preflight(input({ guest: { ...input().guest!, state: "paused" } })), "guest").detail).toMatch(/paused/);
  });

  it("needs copyStorage for local disks, and free space for them on the destination", () => {
    const disks = [{ ...disk, placement: "copy" as const, pool: "default", why: "in the local dir pool default" }];
    expect(failed(preflight(input({ disks })))).toContain("storage");
    expect(preflight(input({ disks, copyStorage: true })).ok).toBe(true);
    const full = input({ disks: [{ ...disks[0], actualSize: 20 * 1024 ** 3 }], copyStorage: true });
    expect(failed(preflight(full))).toContain("free space");
    expect(preflight(input({ disks: [{ ...disks[0], placement: "shared" }] })).ok).toBe(true);
  });

  it("fails an incompatible CPU and warns when virsh cannot tell", () => {
    expect(failed(preflight(input({ cpu: { result: "incompatible", detail: "avx512f missing" } })))).toContain("CPU");
    const r = preflight(input({ cpu: { result: "unknown", detail: "no <cpu> element" } }));
    expect(r.ok).toBe(true);
    expect(byName(r, "CPU")).toMatchObject({ ok: false, severity: "warning" });
  });

  it("refuses source = destination", () => {
    expect(failed(preflight(input({ dest: host("hv1") })))).toContain("distinct hosts");
  });
});

describe("parallel connections", () => {
  const v = (qemu: string, libvirt = "9.0.0") => ({ qemuVersion: qemu, libvirtVersion: libvirt });
  it("needs QEMU 6 and libvirt 5.2 on both, and no 9.2 / 10.0 mix", () => {
    expect(parallelSupport(v("7.2.0"), v("8.2.2")).supported).toBe(true);
    expect(parallelSupport(v("5.2.0"), v("7.2.0")).supported).toBe(false);
    expect(parallelSupport(v("7.2.0", "5.1.0"), v("7.2.0")).supported).toBe(false);
    expect(parallelSupport(v("9.2.0"), v("10.0.0")).supported).toBe(false);
    expect(parallelSupport(v("10.0.0"), v("10.1.0")).supported).toBe(true);
  });

  it("is off when asked or when the cluster turns it off, and warned about when asked for but unsupported", () => {
    expect(preflight(input({ parallel: false })).parallel).toBe(false);
    const cluster = preflight(input({ clusterParallel: false }));
    expect(cluster.parallel).toBe(false);
    expect(cluster.checks.find((c) => c.name === "parallel connections")?.detail).toBe("off for the cluster");
    const r = preflight(input({ parallel: true, source: host("hv1", { qemuVersion: "5.2.0" }) }));
    expect(r.parallel).toBe(false);
    expect(byName(r, "parallel connections")).toMatchObject({ ok: false, severity: "warning" });
  });
});

describe("decideTransport", () => {
  it("follows the cluster policy", () => {
    expect(decideTransport("tls", true, true).transport).toBe("tls");
    expect(decideTransport("tls", false, true)).toMatchObject({ transport: null, ok: false });
    expect(decideTransport("prefer-tls", false, false)).toMatchObject({ transport: null, ok: false });
    expect(decideTransport("prefer-tls", false, true)).toMatchObject({ transport: "plain", audit: true, severity: "warning" });
    expect(decideTransport("legacy", true, true)).toMatchObject({ transport: "plain", audit: true });
    expect(decideTransport("legacy", false, false)).toMatchObject({ transport: "tls", audit: false });
  });
});
