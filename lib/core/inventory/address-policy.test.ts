import { describe, expect, it } from "vitest";
import { formatIp, ipAllowed, parseIp, parseNetwork, refusedHostAddress, type Ip, type Network } from "./address-policy";

const ip = (s: string) => parseIp(s) as Ip;
const nets = (...texts: string[]) => texts.map((t) => parseNetwork(t) as Network);
const text = (s: string) => {
  const p = parseIp(s);
  return p && `${p.family}:${formatIp(p)}`;
};

describe("parseIp", () => {
  it("reads dotted quads and IPv6", () => {
    expect(text("198.18.0.7")).toBe("4:198.18.0.7");
    expect(text("2001:db8::1")).toBe("6:2001:db8::1");
    expect(text("::")).toBe("6:::");
    expect(text("1::")).toBe("6:1::");
    expect(text("fe80::1%eth0")).toBe("6:fe80::1");
    expect(text("2001:db8:0:0:1:0:0:1")).toBe("6:2001:db8::1:0:0:1");
  });

  it("reads the short forms the resolver accepts, as it does", () => {
    expect(text("127.1")).toBe("4:127.0.0.1");
    expect(text("0")).toBe("4:0.0.0.0");
    expect(text("127.0.1")).toBe("4:127.0.0.1");
    expect(text("2130706433")).toBe("4:127.0.0.1");
    expect(text("0x7f.1")).toBe("4:127.0.0.1");
    expect(text("0X7F000001")).toBe("4:127.0.0.1");
    expect(text("0177.0.0.1")).toBe("4:127.0.0.1");
    expect(text("017700000001")).toBe("4:127.0.0.1");
  });

  it("turns IPv4-mapped IPv6 into IPv4", () => {
    expect(text("::ffff:127.0.0.1")).toBe("4:127.0.0.1");
    expect(text("::ffff:7f00:1")).toBe("4:127.0.0.1");
    expect(text("0:0:0:0:0:ffff:a9fe:1")).toBe("4:169.254.0.1");
  });

  it("leaves names and malformed numbers alone", () => {
    for (const s of ["kvm1.example.com", "localhost", "1.2.3.4.5", "256.1.1.1", "08", "0x", "4294967296", "1.2.3.", "", "::g", "1:2:3:4:5:6:7:8:9"]) {
      expect(parseIp(s), s).toBeNull();
    }
  });
});

describe("parseNetwork", () => {
  it("canonicalises and clears host bits", () => {
    expect(parseNetwork("198.18.0.9/24")?.text).toBe("198.18.0.0/24");
    expect(parseNetwork(" 10.0.0.1 ")?.text).toBe("10.0.0.1/32");
    expect(parseNetwork("2001:DB8::1/32")?.text).toBe("2001:db8::/32");
    expect(parseNetwork("::1")?.text).toBe("::1/128");
    expect(parseNetwork("0.0.0.0/0")?.text).toBe("0.0.0.0/0");
    expect(parseNetwork("::ffff:127.0.0.0/104")?.text).toBe("127.0.0.0/8");
  });

  it("refuses what is not a network", () => {
    for (const s of ["127.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/-1", "example.com/24", "::ffff:0:0/80", "10.0.0.0/0x8", ""]) {
      expect(parseNetwork(s), s).toBeNull();
    }
  });
});

describe("ipAllowed", () => {
  it("by default allows any address but loopback, link-local and this-host", () => {
    for (const s of ["198.18.0.7", "10.1.2.3", "8.8.8.8", "2001:db8::5", "fd00::1", "172.16.0.1"]) expect(ipAllowed(ip(s), []), s).toBe(true);
    for (const s of ["127.0.0.1", "127.255.1.2", "0.0.0.0", "0.1.2.3", "169.254.169.254", "::1", "::", "fe80::1", "febf::1", "::ffff:127.0.0.1"]) {
      expect(ipAllowed(ip(s), []), s).toBe(false);
    }
  });

  it("with networks listed, allows only addresses inside them", () => {
    const allowed = nets("198.18.0.0/24", "2001:db8::/32");
    expect(ipAllowed(ip("198.18.0.200"), allowed)).toBe(true);
    expect(ipAllowed(ip("198.18.1.1"), allowed)).toBe(false);
    expect(ipAllowed(ip("2001:db8:ffff::1"), allowed)).toBe(true);
    expect(ipAllowed(ip("2001:db9::1"), allowed)).toBe(false);
    expect(ipAllowed(ip("10.0.0.1"), allowed)).toBe(false);
  });

  it("opens loopback and link-local only when listed explicitly, never through a broad range", () => {
    expect(ipAllowed(ip("127.0.0.1"), nets("0.0.0.0/0", "::/0"))).toBe(false);
    expect(ipAllowed(ip("::1"), nets("::/0"))).toBe(false);
    expect(ipAllowed(ip("10.0.0.1"), nets("0.0.0.0/0"))).toBe(true);
    expect(ipAllowed(ip("127.0.0.1"), nets("127.0.0.0/8"))).toBe(true);
    expect(ipAllowed(ip("127.1"), nets("127.0.0.1/32"))).toBe(true);
    expect(ipAllowed(ip("127.0.0.2"), nets("127.0.0.1/32"))).toBe(false);
    expect(ipAllowed(ip("::ffff:127.0.0.1"), nets("127.0.0.0/8"))).toBe(true);
    expect(ipAllowed(ip("fe80::1"), nets("fe80::/10"))).toBe(true);
    expect(ipAllowed(ip("169.254.1.1"), nets("169.254.0.0/16"))).toBe(true);
  });
});

describe("refusedHostAddress", () => {
  it("refuses every spelling of loopback and this-host before any DNS", () => {
    for (const a of ["localhost", "LOCALHOST", "db.localhost", "127.0.0.1", "127.1", "0", "0.0.0.0", "2130706433", "0x7f.1", "::1", "::", "::ffff:127.0.0.1", "169.254.169.254", "fe80::1"]) {
      expect(refusedHostAddress(a, []), a).toMatch(/outside the networks the dashboard may reach/);
    }
  });

  it("lets names through to the check after resolution, and allows the lab's network", () => {
    expect(refusedHostAddress("kvm1.example.com", [])).toBeNull();
    expect(refusedHostAddress("kvm1.example.com", nets("10.0.0.0/8"))).toBeNull();
    expect(refusedHostAddress("198.18.0.5", [])).toBeNull();
    expect(refusedHostAddress("198.18.0.5", nets("10.0.0.0/8"))).toMatch(/outside/);
  });

  it("allows localhost once loopback is listed", () => {
    expect(refusedHostAddress("localhost", nets("127.0.0.0/8"))).toBeNull();
  });
});
