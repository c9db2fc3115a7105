// The headers of issue 13 on real pages in a real browser: every page of the dashboard runs its
// scripts under a nonce-based Content-Security-Policy with no violation (Next's inline scripts,
// recharts' inline styles, Tailwind's stylesheet), and the other security headers are there.
import { expect, test, type Page } from "@playwright/test";
import { createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

type Violation = { directive: string; blocked: string; source: string };

// Violations reach the page as events and the console as errors; both are collected. The init
// script is injected by the browser itself (CDP), so the page's CSP does not apply to it.
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => {
    if (/Content Security Policy/i.test(e.message)) seen.push(`pageerror: ${e.message}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }));
  });
  return seen;
}

async function visit(page: Page, path: string, seen: string[]): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  // Hydrated: Next's runtime ran, so its scripts carried the nonce. (Not "networkidle": live
  // job pages keep an event stream open.) Then a moment for lazily loaded chunks such as charts.
  await page.waitForLoadState("load");
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 15_000 });
  await page.waitForTimeout(500);
  const events = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
  expect([...seen, ...events.map((v) => `${v.directive} blocked ${v.blocked} at ${v.source}`)], `${path}: CSP violations`).toEqual([]);
}

test("every dashboard page loads without a CSP violation", async ({ page, request }) => {
  const cluster = await createCluster(request, "csp-cluster");
  const host = await createHost(request, { name: "csp-host", address: "198.18.0.250", clusterId: cluster.id });
  const seen = await watchCsp(page);
  await visit(page, "/", seen);
  // The pages the sidebar offers, as it offers them, plus the detail pages.
  const links = await page.locator("aside a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "/"));
  expect(links.length).toBeGreaterThan(4);
  const jobs = (await (await request.get("/api/v1/jobs")).json()) as { id: string }[];
  const pages = [...new Set([...links, `/hosts/${host.id}`, ...(jobs[0] ? [`/jobs/${jobs[0].id}`] : [])])];
  for (const path of pages) await visit(page, path, seen);
});

test("the login page runs under the same policy", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const seen = await watchCsp(page);
  await visit(page, "/login", seen);
  await context.close();
});

test("each page answer has its own nonce and the security headers", async ({ request }) => {
  const a = await request.get("/settings");
  const b = await request.get("/settings");
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce(a.headers()["content-security-policy"])).toBeTruthy();
  expect(nonce(a.headers()["content-security-policy"])).not.toBe(nonce(b.headers()["content-security-policy"]));
  for (const path of ["/settings", "/audit", "/"]) {
    const h = (await request.get(path)).headers();
    expect(h["cache-control"], path).toContain("no-store");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["permissions-policy"], path).toContain("camera=()");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["strict-transport-security"], `${path} over http`).toBeUndefined();
  }
});

test("API answers are no-store and may load nothing; HSTS when the proxy says https", async ({ request }) => {
  const res = await request.get("/api/v1/tokens");
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
  const overHttps = { headers: { "x-forwarded-proto": "https" }, maxRedirects: 0 };
  expect((await request.get("/api/v1/tokens", overHttps)).headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  const page = await request.get("/settings", overHttps);
  expect(page.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  expect(E2E.baseURL.startsWith("http://")).toBe(true);
});
