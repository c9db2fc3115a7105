import { describe, expect, it } from "vitest";
import { parseNetwork, type Network } from "@/lib/core/inventory/address-policy";
import { dnsLookupAll, resolveAllowedAddress, type LookupAll } from "./resolve-address";

const nets = (...texts: string[]) => texts.map((t) => parseNetwork(t) as Network);

// A resolver that answers from a table, and remembers what it was asked.
function fakeDns(table: Record<string, string[]>): LookupAll & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const answers = table[host];
    if (!answers) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { asked });
}

const DNS = fakeDns({
  "kvm1.lab": ["198.18.0.11"],
  "198.18.0.11": ["198.18.0.11"],
  "evil.example": ["127.0.0.1"],
  "mixed.example": ["198.18.0.12", "::1"],
  "mapped.example": ["::ffff:127.0.0.1"],
  "meta.example": ["169.254.169.254"],
  "v6.example": ["2001:db8::7"],
  "linklocal.example": ["fe80::1%eth0"],
});

describe("resolveAllowedAddress", () => {
  it("returns the resolved IP to connect to, so the name is not resolved twice", async () => {
    await expect(resolveAllowedAddress("kvm1.lab", [], DNS)).resolves.toBe("198.18.0.11");
    await expect(resolveAllowedAddress("198.18.0.11", nets("198.18.0.0/24"), DNS)).resolves.toBe("198.18.0.11");
    await expect(resolveAllowedAddress("v6.example", [], DNS)).resolves.toBe("2001:db8::7");
  });

  it("refuses names that resolve to loopback, link-local or mapped loopback", async () => {
    for (const name of ["evil.example", "mapped.example", "meta.example", "linklocal.example"]) {
      await expect(resolveAllowedAddress(name, [], DNS), name).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/outside the networks/) });
    }
  });

  it("refuses when any one of the resolved addresses is outside", async () => {
    await expect(resolveAllowedAddress("mixed.example", [], DNS)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(resolveAllowedAddress("kvm1.lab", nets("10.0.0.0/8"), DNS)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("refuses literal short forms without asking DNS", async () => {
    const before = DNS.asked.length;
    for (const a of ["127.1", "0", "localhost", "::1", "2130706433"]) {
      await expect(resolveAllowedAddress(a, [], DNS), a).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    }
    expect(DNS.asked.length).toBe(before);
  });

  it("allows loopback once an admin lists it", async () => {
    await expect(resolveAllowedAddress("evil.example", nets("127.0.0.0/8"), DNS)).resolves.toBe("127.0.0.1");
  });

  it("reports an unknown name as unreachable", async () => {
    await expect(resolveAllowedAddress("nowhere.example", [], DNS)).rejects.toMatchObject({ code: "HOST_UNREACHABLE" });
  });

  it("uses the system resolver, which reads 127.1 as loopback too", async () => {
    expect((await dnsLookupAll("127.1")).map((r) => r.address)).toEqual(["127.0.0.1"]);
    expect((await dnsLookupAll("0")).map((r) => r.address)).toEqual(["0.0.0.0"]);
  });
});
