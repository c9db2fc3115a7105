import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shellCommand } from "@/lib/core/ssh/shell-quote";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { BASH_PROBES, PORT_PROBE_SCRIPT, PROBE_BATCH, migrationRange, portProbeArgv, portsFor } from "./port-probe-script";
import { classifyProbe, parsePortProbeOutput } from "./parse-port-probes";
import { classifyNodeError, probeFromDashboard, probePortsFrom } from "./probe-ports";

// Recorded by running PORT_PROBE_SCRIPT in a private network namespace (unshare -rn): a
// listener on 127.0.0.1:2222, nothing on 16509, nft "reject with icmpx host-unreachable" on
// 49152 (as e2e/lab/lab.sh firewall block does), nft drop on 40000, an unreachable route for
// 10.9.9.0/24, no route at all to 10.8.8.8, and a name that does not resolve.
const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const states = (text: string) => Object.fromEntries(parsePortProbeOutput(text).results.map((r) => [`${r.address}:${r.port}`, r.state]));

const EXPECTED = {
  "127.0.0.1:2222": "open",
  "127.0.0.1:16509": "refused",
  "127.0.0.1:49152": "unreachable",
  "127.0.0.1:40000": "timeout",
  "10.9.9.9:22": "unreachable",
  "10.8.8.8:22": "unreachable",
  "nosuchhost.invalid:22": "unreachable",
};

describe("the probe script's arguments", () => {
  it("keeps the script fixed and passes each address and port as its own quoted word", () => {
    const argv = portProbeArgv([{ address: "hv2.example", port: 22 }, { address: "fe80::1", port: 49152 }], 2);
    expect(argv.slice(0, 5)).toEqual(["sh", "-c", PORT_PROBE_SCRIPT, "virtshield-probe", "2"]);
    expect(argv.slice(5)).toEqual(["hv2.example", "22", "fe80::1", "49152"]);
    const line = shellCommand(argv);
    expect(line.endsWith(" virtshield-probe 2 hv2.example 22 fe80::1 49152")).toBe(true);
  });

  it.each([
    "hv2; rm -rf /", "$(reboot)", "`id`", "hv2 16509", "-e/bin/sh", "--help", "a'b", "hv2\nhv3", "", "hv2&&true", "*", "../x",
  ])("refuses the hostile address %j before anything is sent", (address) => {
    expect(() => portProbeArgv([{ address, port: 22 }])).toThrow(/Not a probe address/);
  });

  it("refuses ports outside 1-65535 and a silly timeout", () => {
    expect(() => portProbeArgv([{ address: "hv2", port: 0 }])).toThrow(/TCP port/);
    expect(() => portProbeArgv([{ address: "hv2", port: 70000 }])).toThrow(/TCP port/);
    expect(() => portProbeArgv([{ address: "hv2", port: 22 }], 0)).toThrow(/timeout/);
  });

  it("takes the migration range from qemu.conf when set, else 49152-49215", () => {
    expect(portsFor(null)).toEqual([22, 16514, 16509, 49152, 49183, 49215]);
    expect(portsFor({ qemuConf: { migration_port_min: 50000, migration_port_max: 50010 } })).toEqual([22, 16514, 16509, 50000, 50005, 50010]);
    // A min above the default max without a max of its own makes no range: the default stands.
    expect(migrationRange({ qemuConf: { migration_port_min: "50000" } })).toEqual({ min: 49152, max: 49215 });
    expect(migrationRange({ qemuConf: { migration_port_min: 49200, migration_port_max: "bogus" } })).toEqual({ min: 49200, max: 49215 });
  });
});

describe("parsing recorded probe output", () => {
  it.each(["port-probes-bash.txt", "port-probes-nc-openbsd.txt", "port-probes-ncat.txt"])("classifies %s", (name) => {
    const parsed = parsePortProbeOutput(fixture(name));
    expect(parsed.complete).toBe(true);
    expect(states(fixture(name))).toEqual(EXPECTED);
  });

  it("keeps the raw error and drops ncat's banner and an open port's success line", () => {
    const bash = parsePortProbeOutput(fixture("port-probes-bash.txt")).results;
    expect(bash.find((r) => r.port === 49152)?.error).toMatch(/No route to host/);
    expect(bash.find((r) => r.port === 40000)?.error).toBe("no answer within the probe timeout");
    const ncat = parsePortProbeOutput(fixture("port-probes-ncat.txt")).results;
    expect(ncat.find((r) => r.port === 16509)?.error).toBe("Ncat: Connection refused.");
    expect(ncat.find((r) => r.port === 2222)?.error).toBeNull();
  });

  it("reads exit codes and texts the fixtures do not have", () => {
    expect(classifyProbe("nc", 124, "")).toBe("timeout");
    expect(classifyProbe("bash", 1, "bash: connect: Connection timed out")).toBe("timeout");
    expect(classifyProbe("bash", 1, "bash: connect: Host is unreachable")).toBe("unreachable");
    expect(classifyProbe("nc", 1, "something odd")).toBe("error");
    expect(classifyProbe("none", 1, "neither bash nor nc is installed")).toBe("error");
  });
});

describe("probing from a source over one SSH command", () => {
  it("sends one command as the login user and maps every target back to its destination", async () => {
    const conn = new FakeConnection().on(["sh", "-c", PORT_PROBE_SCRIPT], { stdout: fixture("port-probes-bash.txt") });
    const { method, cells } = await probePortsFrom(conn, [
      { destId: "d1", address: "127.0.0.1", port: 16509 },
      { destId: "d1", address: "127.0.0.1", port: 40000 },
      { destId: "d2", address: "10.9.9.9", port: 22 },
      { destId: "d3", address: "10.1.1.1", port: 22 },
    ]);
    expect(conn.commands).toHaveLength(1);
    expect(conn.commands[0].opts.sudo).toBe(false);
    expect(method).toBe("bash");
    expect(cells.map((c) => [c.destId, c.port, c.state])).toEqual([["d1", 16509, "refused"], ["d1", 40000, "timeout"], ["d2", 22, "unreachable"], ["d3", 22, "error"]]);
    expect(cells[3].error).toMatch(/no result/);
  });

  it("says so when the source has neither bash nor nc", async () => {
    const out = "::virtshield-probe::method\tnone\n::virtshield-probe::result\tnone\thv2\t22\t1\tneither bash nor nc is installed\n::virtshield-probe::end\n";
    const conn = new FakeConnection().on(["sh", "-c"], { stdout: out });
    const { cells } = await probePortsFrom(conn, [{ destId: "d", address: "hv2", port: 22 }]);
    expect(cells).toEqual([{ destId: "d", port: 22, state: "error", error: "neither bash nor nc is installed on the source" }]);
  });
});

function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile("sh", ["-c", PORT_PROBE_SCRIPT, "virtshield-probe", ...args], (e, stdout) => (e ? reject(e) : resolve(stdout))));
}

describe("the script itself, run here on the loopback", () => {
  it("hands bash a script it can quote: no single quote in it", () => {
    expect(BASH_PROBES).not.toContain("'");
    expect(PORT_PROBE_SCRIPT).toContain(`exec bash -c '${BASH_PROBES}' virtshield-probe`);
  });

  it("tells an open port from a refused one", async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const open = (server.address() as net.AddressInfo).port;
    const closed = await new Promise<number>((r) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => r(p));
      });
    });
    try {
      const parsed = parsePortProbeOutput(await runScript(portProbeArgv([{ address: "127.0.0.1", port: open }, { address: "127.0.0.1", port: closed }], 2).slice(4)));
      expect(parsed.complete).toBe(true);
      expect(parsed.results.map((r) => [r.port, r.state]).sort()).toEqual([[open, "open"], [closed, "refused"]].sort());
      // More probes than one batch: every one still prints its line.
      const many = Array.from({ length: PROBE_BATCH + 8 }, () => ({ address: "127.0.0.1", port: closed }));
      const all = parsePortProbeOutput(await runScript(portProbeArgv(many, 2).slice(4)));
      expect(all.results.map((r) => r.state)).toEqual(many.map(() => "refused"));
    } finally {
      server.close();
    }
  });
});

describe("probing 16514 from the dashboard", () => {
  it("maps node's error codes", () => {
    expect(classifyNodeError("ECONNREFUSED")).toBe("refused");
    expect(classifyNodeError("EHOSTUNREACH")).toBe("unreachable");
    expect(classifyNodeError("ENETUNREACH")).toBe("unreachable");
    expect(classifyNodeError("ETIMEDOUT")).toBe("timeout");
    expect(classifyNodeError("EPERM")).toBe("error");
  });

  it("refuses an address outside the allowed host networks without connecting", async () => {
    const r = await probeFromDashboard("127.0.0.1", 16514, { allowed: [] });
    expect(r.state).toBe("error");
    expect(r.error).toMatch(/outside the networks/);
  });

  it("reports a name that does not resolve as unreachable", async () => {
    const r = await probeFromDashboard("hv9.invalid", 16514, { allowed: [], lookup: async () => Promise.reject(new Error("ENOTFOUND")) });
    expect(r).toEqual({ state: "unreachable", error: "hv9.invalid could not be resolved" });
  });
});
