import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { parseFactsOutput } from "@/lib/core/facts/parse-facts";
import { saveFacts } from "@/lib/core/facts/facts-job";
import type { HostFacts } from "@/lib/core/facts/facts";
import { classifyHostTls, countByReadiness, countByState, type HostTlsEvidence } from "./host-tls-state";
import { loadHostTlsStates } from "./load-host-tls-states";
import { renderMetrics } from "@/lib/core/metrics/render-metrics";

const T0 = new Date("2026-12-01T00:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const fixture = (name: string): HostFacts => parseFactsOutput(readFileSync(path.join(__dirname, "..", "facts", "fixtures", `${name}.txt`), "utf8"), T0);

// debian12-listen: --listen with listen_tcp = 1, auth_tcp = "none", 16509 listening, no TLS.
const insecure = fixture("debian12-listen");
const tlsOnly: HostFacts = { ...fixture("fedora40"), libvirtdConf: { listen_tls: 1, listen_tcp: 0 }, listeningPorts: { tcp16509: false, tls16514: true } };
const tlsAlongside: HostFacts = { ...insecure, libvirtdConf: { ...insecure.libvirtdConf, listen_tls: 1, auth_tcp: "sasl" }, listeningPorts: { tcp16509: true, tls16514: true } };
const plainSasl: HostFacts = { ...insecure, libvirtdConf: { ...insecure.libvirtdConf, auth_tcp: "sasl" } };

const evidence = (e: Partial<HostTlsEvidence>): HostTlsEvidence => ({ facts: null, factsGatheredAt: null, provision: null, lastReached: null, lastFailure: null, ...e });

describe("classifyHostTls", () => {
  it("reads the listeners from the facts", () => {
    expect(classifyHostTls(evidence({ facts: insecure, factsGatheredAt: T0 }))).toMatchObject({ state: "insecure", reason: expect.stringContaining("auth_tcp = none") });
    expect(classifyHostTls(evidence({ facts: tlsOnly, factsGatheredAt: T0 })).state).toBe("tls-only");
    expect(classifyHostTls(evidence({ facts: tlsAlongside, factsGatheredAt: T0 })).state).toBe("tls-alongside");
    expect(classifyHostTls(evidence({ facts: plainSasl, factsGatheredAt: T0 }))).toMatchObject({ state: "no-tls", reason: expect.stringContaining("authentication") });
    expect(classifyHostTls(evidence({ facts: fixture("fedora40"), factsGatheredAt: T0 }))).toEqual({ state: "no-tls", reason: "no TLS listener" });
    expect(classifyHostTls(evidence({ facts: fixture("no-libvirt"), factsGatheredAt: T0 })).reason).toBe("libvirt is not installed");
  });

  it("calls a TCP listener without auth insecure even beside TLS", () => {
    const both: HostFacts = { ...tlsAlongside, libvirtdConf: { ...tlsAlongside.libvirtdConf, auth_tcp: "none" } };
    expect(classifyHostTls(evidence({ facts: both, factsGatheredAt: T0 })).state).toBe("insecure");
  });

  it("knows nothing of a host never gathered nor provisioned", () => {
    expect(classifyHostTls(evidence({}))).toEqual({ state: "unknown", reason: "facts never gathered" });
  });

  it("believes provisioning done after the last gather, and facts gathered after it", () => {
    const provision = { mode: "tls-only", appliedAt: at(10) };
    expect(classifyHostTls(evidence({ facts: insecure, factsGatheredAt: T0, provision })).state).toBe("tls-only");
    expect(classifyHostTls(evidence({ provision })).state).toBe("tls-only");
    // Drift after provisioning: the later facts win.
    expect(classifyHostTls(evidence({ facts: insecure, factsGatheredAt: at(20), provision })).state).toBe("insecure");
    expect(classifyHostTls(evidence({ facts: insecure, factsGatheredAt: T0, provision: { mode: "bogus", appliedAt: at(10) } })).state).toBe("insecure");
  });

  it("is unreachable when the last SSH attempt failed after the last success", () => {
    const lastFailure = { at: at(30), message: "connect ETIMEDOUT 10.0.0.11:22" };
    expect(classifyHostTls(evidence({ facts: tlsOnly, factsGatheredAt: T0, lastFailure }))).toEqual({ state: "unreachable", reason: lastFailure.message });
    expect(classifyHostTls(evidence({ lastFailure })).state).toBe("unreachable");
    expect(classifyHostTls(evidence({ facts: tlsOnly, factsGatheredAt: T0, lastFailure, lastReached: at(40) })).state).toBe("tls-only");
    expect(classifyHostTls(evidence({ facts: tlsOnly, factsGatheredAt: at(45), lastFailure })).state).toBe("tls-only");
  });

  it("counts states and readiness", () => {
    const states = ["tls-only", "tls-alongside", "insecure", "unknown", "unreachable", "tls-only"] as const;
    expect(countByReadiness(states)).toEqual({ ready: 3, "at-risk": 2, unreachable: 1 });
    expect(countByState(states)).toMatchObject({ "tls-only": 2, "tls-alongside": 1, insecure: 1, "no-tls": 0, unknown: 1, unreachable: 1 });
  });
});

describe("loadHostTlsStates", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it("classifies each host from its facts, provisioning and last SSH jobs", async () => {
    const c = await t.db.cluster.create({ data: { name: "lab" } });
    const other = await t.db.cluster.create({ data: { name: "other" } });
    const mk = (name: string, clusterId = c.id) => t.db.host.create({ data: { name, address: `${name}.lab`, clusterId } }).then((h) => h.id);
    const [hv1, hv2, hv3, hv4] = [await mk("hv1"), await mk("hv2"), await mk("hv3"), await mk("hv4", other.id)];
    await saveFacts(t.db, hv1, insecure, T0);
    await saveFacts(t.db, hv2, insecure, T0);
    await t.db.hostProvision.create({ data: { hostId: hv2, mode: "tls-only", planHash: "h", appliedAt: at(5) } });
    await saveFacts(t.db, hv3, tlsOnly, T0);
    await t.db.job.create({ data: { kind: "facts", hostId: hv3, state: "failed", errorCode: "HOST_UNREACHABLE", error: "No route to hv3.lab", finishedAt: at(9) } });
    await t.db.job.create({ data: { kind: "facts", hostId: hv3, state: "failed", errorCode: "REMOTE_COMMAND_FAILED", error: "virsh broke", finishedAt: at(12) } });
    await t.db.job.create({ data: { kind: "port-check-source", hostId: hv1, state: "failed", errorCode: "SSH_AUTH_FAILED", finishedAt: at(3) } });
    await t.db.job.create({ data: { kind: "port-check-source", hostId: hv1, state: "succeeded", finishedAt: at(4) } });

    const rows = await loadHostTlsStates(t.db);
    expect(rows.map((r) => [r.hostName, r.state])).toEqual([["hv1", "insecure"], ["hv2", "tls-only"], ["hv3", "unreachable"], ["hv4", "unknown"]]);
    expect(rows.find((r) => r.hostId === hv3)?.reason).toBe("No route to hv3.lab");
    expect((await loadHostTlsStates(t.db, { clusterId: other.id })).map((r) => r.hostId)).toEqual([hv4]);

    // /metrics: a state set per host, by the same classification.
    const text = await renderMetrics(t.db, at(60));
    expect(text).toMatch(/# TYPE virtshield_host_tls_state gauge/);
    expect(text).toContain('virtshield_host_tls_state{host="hv1",state="insecure"} 1');
    expect(text).toContain('virtshield_host_tls_state{host="hv1",state="tls-only"} 0');
    expect(text).toContain('virtshield_host_tls_state{host="hv3",state="unreachable"} 1');
    expect(text.match(/^virtshield_host_tls_state\{host="hv2",/gm)?.length).toBe(6);
  });
});
