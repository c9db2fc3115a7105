// The check routes over bearer tokens: viewers read the matrices and the audit, only operators
// start a check. No check here probes anything: its cluster has no hosts (so no packet leaves).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/env";
import { apiPost } from "./fixtures/api";

const clients: APIRequestContext[] = [];
let viewer: APIRequestContext;
let operator: APIRequestContext;

async function client(token: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` }, storageState: { cookies: [], origins: [] } });
  clients.push(ctx);
  return ctx;
}

test.beforeAll(async ({ request }) => {
  const mint = async (role: string) => (await apiPost<{ token: string }>(request, "/api/v1/tokens", { name: `checks-${role}`, role })).token;
  viewer = await client(await mint("viewer"));
  operator = await client(await mint("operator"));
});
test.afterAll(async () => Promise.all(clients.map((c) => c.dispose())));

test("viewers read the port matrix, the TLS matrix and the audit findings", async ({ request }) => {
  const cluster = await apiPost<{ id: string }>(request, "/api/v1/clusters", { name: "checks-audit" });
  const host = await apiPost<{ id: string }>(request, "/api/v1/hosts", { name: "checks-h1", address: "198.18.0.231", clusterId: cluster.id });
  for (const path of ["/api/v1/port-matrix", `/api/v1/port-matrix?clusterId=${cluster.id}`, "/api/v1/tls-matrix"]) {
    const res = await viewer.get(path);
    expect(res.status(), path).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  }
  const findings = await (await viewer.get(`/api/v1/audit/findings?clusterId=${cluster.id}`)).json();
  expect(findings.map((f: { rule: string }) => f.rule).sort()).toEqual(["facts-missing", "host-key-unpinned", "ssh-as-root"]);
  expect(findings[0]).toMatchObject({ hostId: host.id, severity: "warning", message: expect.any(String), fix: expect.any(String), evidence: expect.any(String), action: `/hosts/${host.id}#host-key` });
  expect((await viewer.get("/api/v1/audit/findings?severity=dire")).status()).toBe(400);
});

test("only operators start a check; it answers 202 with the job and validates its hosts", async ({ request }) => {
  const denied = await viewer.post("/api/v1/port-checks", { data: {} });
  expect(denied.status()).toBe(403);
  expect((await operator.post("/api/v1/port-checks", { data: { hostIds: ["nope1", "nope2"] } })).status()).toBe(404);
  expect((await operator.post("/api/v1/port-checks", { data: { hostIds: "all" } })).status()).toBe(400);
  const empty = await apiPost<{ id: string }>(request, "/api/v1/clusters", { name: "checks-empty" });
  const started = await operator.post("/api/v1/port-checks", { data: { clusterId: empty.id } });
  expect(started.status()).toBe(202);
  const { jobId } = await started.json();
  await expect.poll(async () => (await (await operator.get(`/api/v1/jobs/${jobId}`)).json()).state, { timeout: 20_000 }).toBe("succeeded");
  expect(await (await viewer.get(`/api/v1/port-matrix?clusterId=${empty.id}`)).json()).toEqual([]);
});
