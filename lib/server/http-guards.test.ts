import { describe, expect, it } from "vitest";
import { ACTION_MAX_BODY_BYTES, PERMISSIONS_POLICY, contentSecurityPolicy, newNonce, refuseRequest, securityHeaders, servedOverHttps, undecodablePath } from "./http-guards";

const H = (h: Record<string, string>) => new Headers(h);
const SAME = { host: "dash.example:3000", origin: "http://dash.example:3000" };

describe("refuseRequest", () => {
  it("refuses paths that are not valid percent-encoded UTF-8, on every method", () => {
    for (const p of ["/api/v1/hosts/%ff%fe", "/api/v1/clusters/%c0%af", "/hosts/%e2%82", "/api/v1/jobs/%"]) {
      expect(undecodablePath(p), p).toBe(true);
      expect(refuseRequest("GET", p, H({}))).toMatchObject({ status: 400, code: "VALIDATION" });
      expect(refuseRequest("DELETE", p, H(SAME))).toMatchObject({ status: 400 });
    }
    expect(refuseRequest("GET", "/api/v1/hosts/%E2%82%AC", H({}))).toBeNull();
    expect(refuseRequest("GET", "/api/v1/hosts/%00", H({}))).toBeNull();
  });

  it("refuses server-action posts that are cross-origin or carry no Origin, as the API does", () => {
    expect(refuseRequest("POST", "/login", H({ host: SAME.host }))).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(refuseRequest("POST", "/login", H({ host: SAME.host, origin: "null" }))).toMatchObject({ status: 403 });
    expect(refuseRequest("POST", "/settings", H({ host: SAME.host, origin: "http://evil.example" }))).toMatchObject({ status: 403 });
    expect(refuseRequest("POST", "/settings", H({ host: SAME.host, origin: "http://dash.example:3001" }))).toMatchObject({ status: 403 });
    expect(refuseRequest("POST", "/settings", H({ host: SAME.host, origin: "not a url" }))).toMatchObject({ status: 403 });
    expect(refuseRequest("POST", "/login", H({ ...SAME, "content-length": "120" }))).toBeNull();
  });

  it("leaves the API's own rules to the API: tokens need no Origin", () => {
    expect(refuseRequest("POST", "/api/v1/hosts", H({ host: SAME.host, authorization: "Bearer x" }))).toBeNull();
    expect(refuseRequest("GET", "/hosts", H({}))).toBeNull();
  });

  it("answers oversized and undeclared form posts with a 4xx before Next reads them", () => {
    expect(refuseRequest("POST", "/login", H({ ...SAME, "content-length": String(ACTION_MAX_BODY_BYTES + 1) }))).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(refuseRequest("POST", "/login", H({ ...SAME, "content-length": String(ACTION_MAX_BODY_BYTES) }))).toBeNull();
    expect(refuseRequest("POST", "/login", H({ ...SAME, "transfer-encoding": "chunked" }))).toMatchObject({ status: 411 });
    expect(refuseRequest("POST", "/login", H({ ...SAME, "content-length": "1e9" }))).toMatchObject({ status: 400 });
  });
});

describe("security headers", () => {
  it("lets page scripts run only with this response's nonce", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const csp = contentSecurityPolicy({ nonce, https: false, dev: false });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce, https: true, dev: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
  });

  it("lets nothing load from an API answer", () => {
    expect(contentSecurityPolicy({ https: false, dev: false })).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it("sends HSTS over https only, and no-store always", () => {
    expect(securityHeaders({ https: false, dev: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: true, dev: false })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(securityHeaders({ https: false, dev: false })).toMatchObject({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
    expect(securityHeaders({ https: false, dev: false })["Permissions-Policy"]).toContain("camera=()");
  });

  it("knows https from the URL or the proxy's X-Forwarded-Proto", () => {
    expect(servedOverHttps(new URL("https://d.example/"), H({}))).toBe(true);
    expect(servedOverHttps(new URL("http://d.example/"), H({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(new URL("http://d.example/"), H({ "x-forwarded-proto": "HTTPS, http" }))).toBe(true);
    expect(servedOverHttps(new URL("http://d.example/"), H({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(servedOverHttps(new URL("http://d.example/"), H({}))).toBe(false);
  });
});

describe("next.config.ts", () => {
  it("gives Next's server actions the body limit proxy.ts enforces, and the same Permissions-Policy", async () => {
    const { default: config } = await import("@/next.config");
    expect(config.experimental?.serverActions?.bodySizeLimit).toBe(ACTION_MAX_BODY_BYTES);
    const headers = (await config.headers!()).flatMap((r) => r.headers);
    expect(headers).toContainEqual({ key: "Permissions-Policy", value: PERMISSIONS_POLICY });
  });
});
