// The client address comes from the socket; X-Forwarded-For and a forged stamp are ignored
// unless a trusted proxy is configured.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerAddressHook, PEER_HEADER } from "./peer-address";
import { clientAddress } from "./client-address";

let server: http.Server;
let port = 0;
let trustProxy = false;

beforeAll(async () => {
  installPeerAddressHook();
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    res.end(clientAddress(headers, trustProxy));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/`, { headers }).then((r) => r.text());

describe("client address", () => {
  it("is the socket's address, whatever the client claims", async () => {
    expect(await ask()).toBe("127.0.0.1");
    expect(await ask({ "x-forwarded-for": "198.51.100.1" })).toBe("127.0.0.1");
    expect(await ask({ [PEER_HEADER]: "0123 198.51.100.2" })).toBe("127.0.0.1");
  });

  it("is the entry the trusted proxy added (the last) when one is configured", async () => {
    trustProxy = true;
    try {
      expect(await ask({ "x-forwarded-for": "10.9.9.9, 203.0.113.50" })).toBe("203.0.113.50");
      expect(await ask({ "x-forwarded-for": "not-an-address" })).toBe("127.0.0.1");
    } finally {
      trustProxy = false;
    }
  });

  it("is unknown without the hook's stamp (a forged header does not count)", () => {
    expect(clientAddress(new Headers({ [PEER_HEADER]: "forged 198.51.100.3" }), false)).toBe("unknown");
  });
});
