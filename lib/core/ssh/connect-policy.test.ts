import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNetwork, type Network } from "@/lib/core/inventory/address-policy";
import { openConnection } from "./connect";
import { fetchHostKeyFingerprint } from "./host-key";

// A listener on loopback that counts connections: the policy must refuse before any is made.
let server: net.Server;
let openPort: number;
let closedPort: number;
let accepted = 0;
beforeAll(async () => {
  server = net.createServer((s) => {
    accepted++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  openPort = (server.address() as net.AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(() => new Promise((r) => server.close(r)));

const PIN = "SHA256:" + "A".repeat(43);
const target = (address: string, port: number) => ({ address, port, username: "root", privateKey: "unused", pinnedFingerprint: PIN });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));

describe("the allowed host networks at connect time", () => {
  it("refuses loopback in every spelling before connecting, the same for open and closed ports", async () => {
    for (const address of ["127.0.0.1", "127.1", "localhost", "0", "::ffff:127.0.0.1"]) {
      const open = await failure(openConnection(target(address, openPort), { allowedNetworks: [] }));
      const closed = await failure(openConnection(target(address, closedPort), { allowedNetworks: [] }));
      expect(open, address).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/outside the networks/) });
      expect(closed, address).toEqual(open);
      const seen = await failure(fetchHostKeyFingerprint({ address, port: openPort, allowedNetworks: [] }));
      expect(seen, address).toEqual(open);
    }
    expect(accepted).toBe(0);
  });

  it("connects once the admin allows loopback", async () => {
    const allowed = [parseNetwork("127.0.0.0/8") as Network];
    // The listener hangs up at once: reaching it at all is what this shows.
    await expect(fetchHostKeyFingerprint({ address: "127.1", port: openPort, timeoutMs: 2000, allowedNetworks: allowed })).rejects.toMatchObject({ code: "HOST_UNREACHABLE" });
    expect(accepted).toBe(1);
  });
});
