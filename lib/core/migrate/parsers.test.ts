import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDomainList } from "./list-domains";
import { parseBytes, parsePools } from "./pools";
import { bytesToCopy, classifyDisks } from "./storage";
import { describeSample, parseDomJobInfo, percentDone } from "./domjobinfo";
import { parseMigrateParameters, provenTransport } from "./tls-evidence";
import { parseCpuCompare } from "./cpu-compare";

const fixture = (f: string) => readFileSync(path.join(__dirname, "fixtures", f), "utf8");
const at = new Date("2026-12-02T07:00:00Z");

describe("parseDomainList", () => {
  const domains = parseDomainList(fixture("domains.txt"));

  it("reads name, state, memory, vCPUs and persistence of every domain", () => {
    expect(domains.map((d) => [d.name, d.state, d.memoryKiB, d.vcpus, d.persistent])).toEqual([
      ["vs-mig", "running", 131072, 1, true],
      ["vs-disk", "running", 262144, 2, true],
      ["idle", "shut off", 524288, 1, true],
    ]);
  });

  it("reads the disks with format, sizes and file id, and network disks from the XML", () => {
    expect(domains[0].disks).toEqual([]);
    expect(domains[1].disks).toEqual([
      { target: "vda", type: "file", path: "/var/lib/libvirt/images/vs-disk.qcow2", format: "qcow2", virtualSize: 67108864, actualSize: 200704, fileId: "1835021:196928" },
      { target: "vdb", type: "network", path: "pool/vs-disk-data", format: "raw", virtualSize: null, actualSize: null, fileId: null },
    ]);
  });

  it("keeps the CPU element and the domain type for the CPU comparison", () => {
    expect(domains[0].cpuXml).toContain("<model fallback='forbid'>qemu64</model>");
    expect(domains[0].virtType).toBe("qemu");
    expect(domains[1].cpuXml).toBeNull();
    expect(domains[2].cpuXml).toMatch(/host-passthrough/);
  });

  it("refuses output that did not finish", () => {
    expect(() => parseDomainList("::vs::domain::x\n")).toThrow(/did not finish/);
  });
});

describe("pools and storage", () => {
  const pools = parsePools(fixture("pools.txt"));
  const disks = parseDomainList(fixture("domains.txt"))[1].disks;

  it("reads pool type, target, state and free bytes (exact or scaled)", () => {
    expect(pools).toEqual([
      { name: "default", type: "dir", targetPath: "/var/lib/libvirt/images", active: true, availableBytes: 41838673920 },
      { name: "nfs-shared", type: "netfs", targetPath: "/var/lib/libvirt/images/shared", active: false, availableBytes: 1610612736 },
    ]);
    expect(parseBytes("0.00 B")).toBe(0);
  });

  it("copies disks of a local dir pool, shares network disks and netfs pools", () => {
    const c = classifyDisks(disks, pools);
    expect(c.map((d) => [d.target, d.placement, d.pool])).toEqual([["vda", "copy", "default"], ["vdb", "shared", null]]);
    const onNfs = classifyDisks([{ ...disks[0], path: "/var/lib/libvirt/images/shared/vs-disk.qcow2" }], pools);
    expect(onNfs[0]).toMatchObject({ placement: "shared", pool: "nfs-shared" });
    expect(bytesToCopy(c)).toBe(200704);
  });

  it("shares a file the destination sees with the same inode and size, not one that merely exists", () => {
    const same = new Map([[disks[0].path, "1835021:196928"]]);
    const other = new Map([[disks[0].path, "42:196928"]]);
    expect(classifyDisks([disks[0]], pools, same)[0].placement).toBe("shared");
    expect(classifyDisks([disks[0]], pools, other)[0].placement).toBe("copy");
  });
});

describe("parseDomJobInfo", () => {
  it("reads --rawstats exactly", () => {
    const s = parseDomJobInfo(fixture("domjobinfo-raw.txt"));
    expect(s).toEqual({ type: "unbounded", operation: "outgoing migration", elapsedMs: 1523, remainingMs: 3100, dataTotal: 138878976, dataProcessed: 41663692, dataRemaining: 97215284, memoryBps: 31457280, diskBps: null, dirtyRateBps: 256 * 4096, iteration: 2, downtimeMs: 300 });
    expect(percentDone(s)).toBe(29);
    expect(describeSample(s)).toBe("39.7 MiB of 132.4 MiB, 92.7 MiB left, 30.0 MiB/s, ~4 s remaining, iteration 2, dirty 1.0 MiB/s");
  });

  it("reads the human output of older virsh in scaled units", () => {
    const s = parseDomJobInfo(fixture("domjobinfo-human.txt"));
    expect(s).toMatchObject({ type: "unbounded", operation: "outgoing migration", elapsedMs: 1523, memoryBps: 31457280, iteration: 2, dirtyRateBps: 1048576, downtimeMs: 300 });
    expect(s.dataTotal).toBe(Math.round(132.445 * 1024 ** 2));
    expect(percentDone(s)).toBe(30);
  });

  it("reads a completed job's downtime, and says none when there is no job", () => {
    expect(parseDomJobInfo(fixture("domjobinfo-completed.txt"))).toMatchObject({ type: "completed", operation: "incoming migration", downtimeMs: 48, dataTotal: 138878976 });
    expect(parseDomJobInfo("Job type:         None        \n\n").type).toBe("none");
  });

  it("never reports 100 % before libvirt says it is done", () => {
    expect(percentDone({ ...parseDomJobInfo(fixture("domjobinfo-raw.txt")), dataProcessed: 138878976 })).toBe(99);
  });
});

describe("TLS evidence", () => {
  it("reads tls-creds and tls-hostname from query-migrate-parameters", () => {
    expect(parseMigrateParameters(fixture("migrate-parameters.json"), at)).toEqual({ tlsCreds: "objlibvirt_migrate_tls0", tlsHostname: "hv2", tlsAuthz: "", multifdChannels: 2, sampledAt: at.toISOString() });
    expect(parseMigrateParameters("error: Requested operation is not valid: domain is not running", at)).toBeNull();
  });

  it("records TLS only with credentials seen, unproven otherwise", () => {
    const e = parseMigrateParameters(fixture("migrate-parameters.json"), at)!;
    expect(provenTransport("tls", e)).toBe("tls");
    expect(provenTransport("tls", { ...e, tlsCreds: "" })).toBe("unproven");
    expect(provenTransport("tls", null)).toBe("unproven");
    expect(provenTransport("plain", { ...e, tlsCreds: "" })).toBe("plain");
  });
});

describe("parseCpuCompare", () => {
  it("tells compatible, incompatible and unknown apart", () => {
    expect(parseCpuCompare(0, "CPU described in /dev/stdin is identical to the CPU provided by hypervisor on the host\n", "").result).toBe("compatible");
    expect(parseCpuCompare(0, "CPU described in /dev/stdin is a superset of the CPU provided by hypervisor on the host\n", "").result).toBe("compatible");
    expect(parseCpuCompare(1, "", "error: the CPU is incompatible with host CPU: Host CPU does not provide required features: avx512f\n")).toMatchObject({ result: "incompatible" });
    expect(parseCpuCompare(1, "", "error: unsupported configuration: unknown CPU model\n").result).toBe("unknown");
  });
});
