import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const BASE = "http://dash.example:3000";
const req = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, BASE), { method: init.method ?? "GET", headers: { host: "dash.example:3000", ...init.headers } });

// proxy.ts as Next calls it: the answer, and the request headers it hands on to the page.
describe("proxy", () => {
  it("answers an undecodable API path with a 400 in the error shape", async () => {
    const res = proxy(req("/api/v1/hosts/%ff%fe"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "VALIDATION", message: expect.any(String) } });
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("refuses a server-action post without our Origin", async () => {
    const res = proxy(req("/login", { method: "POST", headers: { "content-length": "10" } }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("hands Next the page's nonce in the request's CSP, the same as the answer's", () => {
    const res = proxy(req("/settings"));
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("x-middleware-override-headers")).toContain("content-security-policy");
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const other = proxy(req("/settings")).headers.get("content-security-policy");
    expect(other).not.toBe(csp);
  });

  it("adds HSTS behind a TLS-terminating proxy, and gives API answers no nonce", () => {
    const res = proxy(req("/api/v1/hosts", { headers: { "x-forwarded-proto": "https" } }));
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(res.headers.get("content-security-policy")).not.toContain("nonce");
  });

  it("skips build assets", () => {
    const [matcher] = config.matcher;
    const re = new RegExp(`^${matcher}$`);
    expect(re.test("/_next/static/chunks/app.js")).toBe(false);
    expect(re.test("/api/v1/hosts")).toBe(true);
    expect(re.test("/settings")).toBe(true);
  });
});
