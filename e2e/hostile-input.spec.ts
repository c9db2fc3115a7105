// The hostile-input suite of issue 13 against the real server: property-based requests over every
// API route's declared schemas (fast-check), plus hand-made cases no schema describes, and the
// server-action guards of proxy.ts. Asserts: no 5xx; the error shape on every 4xx; and after every
// refused write, an unchanged database. A failure prints fast-check's seed and counterexample.
import fc from "fast-check";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/env";
import { apiPost } from "./fixtures/api";
import { DbSnapshots } from "./hostile/db-snapshot";
import { handMade, operations, requestsFor, type HostileRequest, type OpenApiDoc } from "./hostile/api-cases";

const RUNS_PER_OPERATION = 12; // with the hand-made cases, well over 500 requests in ~20-40 s
const MIN_REQUESTS = 500;
const REQUEST_TIMEOUT_MS = 15_000;

let api: APIRequestContext;
let snapshots: DbSnapshots;
let doc: OpenApiDoc;
let sent = 0;
const refusedWrites = { compared: 0, inconclusive: 0 };

test.describe.configure({ mode: "serial" });
test.setTimeout(150_000);

test.beforeAll(async ({ request }) => {
  const { token } = await apiPost<{ token: string }>(request, "/api/v1/tokens", { name: "hostile-input", role: "admin" });
  api = await playwrightRequest.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` }, storageState: { cookies: [], origins: [] } });
  doc = (await (await api.get("/api/v1/openapi.json")).json()) as OpenApiDoc;
  snapshots = new DbSnapshots();
  await snapshots.quiet();
});

test.afterAll(async () => {
  snapshots?.close();
  await api?.dispose();
});

async function send(r: HostileRequest) {
  sent++;
  const headers: Record<string, string> = r.body ? { "content-type": r.contentType ?? "application/json" } : {};
  return api.fetch(r.url, { method: r.method, data: r.body, headers, timeout: REQUEST_TIMEOUT_MS, maxRedirects: 0, failOnStatusCode: false });
}

function summary(r: HostileRequest, status: number, text: string): string {
  return `${r.method} ${r.url.slice(0, 160)} (${r.why}) -> ${status} ${text.slice(0, 300)}`;
}

// One request, with every assertion of the suite; a write that must be refused is bracketed by
// snapshots, retried (refusals are idempotent) when a background job made them inconclusive.
async function check(r: HostileRequest): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const before = r.mustRefuse ? snapshots.take() : null;
    const res = await send(r);
    const status = res.status();
    const text = await res.text();
    expect(status, summary(r, status, text)).toBeLessThan(500);
    if (r.mustRefuse) expect(status, `a hostile write was accepted: ${summary(r, status, text)}`).toBeGreaterThanOrEqual(400);
    if (status >= 400) {
      expect(res.headers()["content-type"] ?? "", summary(r, status, text)).toContain("application/json");
      const body = JSON.parse(text) as unknown;
      expect(body, summary(r, status, text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    if (!before) return;
    const after = snapshots.take();
    if (before.activity === after.activity) {
      refusedWrites.compared++;
      expect(after.hash, `the database changed after a refused write: ${summary(r, status, text)}`).toBe(before.hash);
      return;
    }
    if (attempt >= 2) {
      refusedWrites.inconclusive++;
      return;
    }
    await snapshots.quiet(5_000);
  }
}

test("every API route refuses schema-breaking, unknown-id and hostile-text input cleanly", async () => {
  const ops = operations(doc);
  expect(ops.length, "the OpenAPI document lists the API").toBeGreaterThan(20);
  const skipped: string[] = [];
  for (const op of ops) {
    const arb = requestsFor(op, doc);
    if (!arb) {
      skipped.push(`${op.method} ${op.path}`);
      continue;
    }
    await fc.assert(fc.asyncProperty(arb, check), { numRuns: RUNS_PER_OPERATION, endOnFailure: true });
  }
  // Writes that take no input at all (POST /ca/crl, POST /renewals): nothing hostile to send.
  test.info().annotations.push({ type: "no input to send", description: skipped.join(", ") });
});

test("hand-made cases: invalid UTF-8 paths and bodies, huge, deep, truncated and mistyped bodies", async () => {
  const cases = handMade(operations(doc));
  expect(cases.filter((c) => c.why === "invalid UTF-8 in the path").length).toBeGreaterThanOrEqual(10);
  for (const c of cases) await check(c);
});

test("an undecodable id gets a 400 in the error shape, not Next's plain-text 500", async () => {
  for (const url of ["/api/v1/hosts/%ff%fe", "/api/v1/clusters/%ff", "/api/v1/jobs/%e2%82/events"]) {
    const res = await send({ method: "GET", url, mustRefuse: false, why: "issue 13's example" });
    expect(res.status(), url).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION", message: expect.any(String) } });
  }
});

test.describe("server actions", () => {
  const loginForm = async (password: string, headers: Record<string, string>) => {
    // The hidden inputs Next renders for a form without JavaScript, so the post is a real action call.
    const html = await (await api.get("/login")).text();
    const hidden = [...html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((m) => m[0]);
    const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const attr = (tag: string, name: string) => unescape(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? "");
    const multipart: Record<string, string> = Object.fromEntries(hidden.map((t) => [attr(t, "name"), attr(t, "value")]).filter(([n]) => n));
    multipart.name = "hostile-nobody";
    multipart.password = password;
    sent++;
    return api.fetch("/login", { method: "POST", multipart, headers, timeout: REQUEST_TIMEOUT_MS, maxRedirects: 0, failOnStatusCode: false });
  };
  const origin = { origin: E2E.baseURL };

  test("are refused without an Origin, or from another origin, as API writes are", async () => {
    const refused: Record<string, string>[] = [{}, { origin: "http://evil.example" }, { origin: "null" }];
    for (const headers of refused) {
      const res = await loginForm("not-the-password", headers);
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    }
    sent++;
    const fetchAction = await api.fetch("/settings", { method: "POST", headers: { "next-action": "0".repeat(42), origin: "http://evil.example" }, data: "[]", failOnStatusCode: false });
    expect(fetchAction.status()).toBe(403);
  });

  test("answer a login body over the limit with 413, and one over 1 MB but under it without a 5xx", async () => {
    const over = await loginForm("x".repeat(3 * 1024 * 1024), origin);
    expect(over.status()).toBe(413);
    expect(await over.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    const large = await loginForm("x".repeat(1_500_000), origin);
    expect(large.status()).toBeLessThan(500);
  });
});

test("the suite sent enough requests and compared the database after refused writes", () => {
  expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect(refusedWrites.compared).toBeGreaterThan(200);
  expect(refusedWrites.inconclusive).toBeLessThan(refusedWrites.compared / 10);
  test.info().annotations.push({ type: "requests", description: `${sent} sent; ${refusedWrites.compared} refused writes compared, ${refusedWrites.inconclusive} inconclusive` });
});
