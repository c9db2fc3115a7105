// The HTTP API contract of SPEC.md §6, over bearer tokens only (no browser session).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/env";
import { apiPost } from "./fixtures/api";
import { authorizeDashboardKey, labHost } from "./fixtures/lab";

type Tokens = Record<"admin" | "operator" | "viewer", string>;
let tokens: Tokens;
const clients: APIRequestContext[] = [];

async function as(role: keyof Tokens | "none", token?: string): Promise<APIRequestContext> {
  const auth: Record<string, string> = role === "none" ? (token ? { authorization: token } : {}) : { authorization: `Bearer ${tokens[role]}` };
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: auth, storageState: { cookies: [], origins: [] } });
  clients.push(ctx);
  return ctx;
}

function expectError(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
}

test.beforeAll(async ({ request }) => {
  const mint = async (role: string) => (await apiPost<{ token: string }>(request, "/api/v1/tokens", { name: `api-${role}`, role })).token;
  tokens = { admin: await mint("admin"), operator: await mint("operator"), viewer: await mint("viewer") };
});
test.afterAll(async () => Promise.all(clients.map((c) => c.dispose())));

test("no or bad token answers 401 with the error shape", async () => {
  for (const header of [undefined, "Bearer vst_notarealtoken000000", "Basic YWRtaW46YWRtaW4="]) {
    const res = await (await as("none", header)).get("/api/v1/hosts");
    expect(res.status()).toBe(401);
    expectError(await res.json(), "UNAUTHENTICATED");
  }
});

test("roles: viewers read, operators change hosts, only admins change clusters, and refusals are audited", async () => {
  const admin = await as("admin");
  const operator = await as("operator");
  const viewer = await as("viewer");
  const cluster = await (await admin.post("/api/v1/clusters", { data: { name: "api-prod" } })).json();
  expect(cluster).toMatchObject({ id: expect.any(String), name: "api-prod", policy: "tls" });

  expect((await viewer.get("/api/v1/hosts")).status()).toBe(200);
  const denied = await viewer.post("/api/v1/hosts", { data: { name: "api-v", address: "198.18.0.99", clusterId: cluster.id } });
  expect(denied.status()).toBe(403);
  expectError(await denied.json(), "FORBIDDEN");
  const clusterDenied = await operator.post("/api/v1/clusters", { data: { name: "op-cluster" } });
  expect(clusterDenied.status()).toBe(403);

  const created = await operator.post("/api/v1/hosts", { data: { name: "api-h1", address: "198.18.0.98", clusterId: cluster.id } });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ id: expect.any(String), name: "api-h1", sshPort: 22, sshUser: "root" });
  expect(await (await viewer.get("/api/v1/hosts")).json()).toEqual(expect.arrayContaining([expect.objectContaining({ name: "api-h1" })]));

  const log = await (await admin.get("/api/v1/audit-log?result=refused")).json();
  expect(log.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["api.POST /api/v1/hosts", "api.POST /api/v1/clusters"]));
  expect(log.find((e: { action: string }) => e.action === "api.POST /api/v1/hosts").actor.name).toBe("token:api-viewer");
});

test("hostile and malformed input gets a 400 naming the field, and changes nothing", async () => {
  const operator = await as("operator");
  const [cluster] = await (await operator.get("/api/v1/clusters")).json();
  const before = (await (await operator.get("/api/v1/hosts")).json()).length;
  const hostile = ["a;reboot", "$(id)", "`id`", "x\ny", "../../etc/passwd", "hv 1", "'quoted'"];
  for (const bad of hostile) {
    for (const field of ["name", "address", "sshUser", "migrationAddress"]) {
      const res = await operator.post("/api/v1/hosts", { data: { name: "ok-host", address: "198.18.0.97", clusterId: cluster.id, [field]: bad } });
      expect(res.status(), `${field}=${JSON.stringify(bad)}`).toBe(400);
      const body = await res.json();
      expectError(body, "VALIDATION");
      expect(Object.keys(body.error.fields)).toContain(field);
    }
  }
  const notJson = await operator.post("/api/v1/hosts", { data: "{not json", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  const extra = await operator.post("/api/v1/hosts", { data: { name: "ok-host", address: "198.18.0.97", clusterId: cluster.id, isAdmin: true } });
  expect(extra.status()).toBe(400);
  const huge = await operator.post("/api/v1/hosts", { data: { name: "ok-host", address: "198.18.0.97", clusterId: cluster.id, tags: ["x".repeat(2 * 1024 * 1024)] } });
  expect(huge.status()).toBe(413);
  expectError(await huge.json(), "PAYLOAD_TOO_LARGE");
  expect((await (await operator.get("/api/v1/hosts")).json()).length).toBe(before);
});

test("unknown ids answer 404 and a duplicate answers 409", async () => {
  const operator = await as("operator");
  for (const url of ["/api/v1/hosts/doesnotexist", "/api/v1/jobs/doesnotexist", "/api/v1/clusters/doesnotexist"]) {
    const res = await operator.get(url);
    expect(res.status(), url).toBe(404);
    expectError(await res.json(), "NOT_FOUND");
  }
  expect((await operator.patch("/api/v1/hosts/doesnotexist", { data: { sshPort: 2222 } })).status()).toBe(404);
  const [cluster] = await (await operator.get("/api/v1/clusters")).json();
  const dup = await operator.post("/api/v1/hosts", { data: { name: "api-h1", address: "198.18.0.96", clusterId: cluster.id } });
  expect(dup.status()).toBe(409);
  expectError(await dup.json(), "CONFLICT");
});

test("a cookie-authenticated write from another origin is refused", async ({ request }) => {
  const res = await request.post("/api/v1/clusters", { data: { name: "csrf" }, headers: { origin: "http://evil.example" } });
  expect(res.status()).toBe(403);
});

test("no secret ever appears in an API answer", async () => {
  const admin = await as("admin");
  const key = await (await admin.get("/api/v1/ssh-key")).json();
  expect(key.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ virtshield$/);
  for (const url of ["/api/v1/hosts", "/api/v1/clusters", "/api/v1/jobs", "/api/v1/audit-log", "/api/v1/tokens", "/api/v1/users", "/api/v1/certificates", "/api/v1/openapi.json"]) {
    const text = await (await admin.get(url)).text();
    expect(text, url).not.toMatch(/PRIVATE KEY|passwordHash|tokenHash|privateKeyEnc|vst_/);
  }
  const doc = await (await admin.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/hosts", "/api/v1/hosts/{id}/host-key", "/api/v1/jobs/{id}/events"]));
});

test("host key: shown, a wrong pin refused with 422, the right one pinned; facts over SSH; a job streams its events", async ({ request }) => {
  await authorizeDashboardKey(request);
  const hv2 = labHost("hv2");
  const operator = await as("operator");
  const [cluster] = await (await operator.get("/api/v1/clusters")).json();
  const host = await (await operator.post("/api/v1/hosts", { data: { name: "api-hv2", address: hv2.address, clusterId: cluster.id } })).json();

  const unpinnedFacts = await operator.post(`/api/v1/hosts/${host.id}/facts`);
  expect(unpinnedFacts.status()).toBe(422);
  expectError(await unpinnedFacts.json(), "PRECONDITION_FAILED");

  const seen = await (await operator.post(`/api/v1/hosts/${host.id}/host-key`, { data: {} })).json();
  expect(seen).toMatchObject({ fingerprint: hv2.hostKeyFingerprint, pinned: null });
  const wrong = await operator.post(`/api/v1/hosts/${host.id}/host-key`, { data: { fingerprint: "SHA256:" + "A".repeat(43) } });
  expect(wrong.status()).toBe(422);
  expect((await (await operator.get(`/api/v1/hosts/${host.id}`)).json()).hostKey.pinned).toBeNull();
  const pinned = await operator.post(`/api/v1/hosts/${host.id}/host-key`, { data: { fingerprint: hv2.hostKeyFingerprint } });
  expect(pinned.status()).toBe(200);

  const facts = await operator.post(`/api/v1/hosts/${host.id}/facts`);
  expect(facts.status(), await facts.text()).toBe(200);
  const body = await facts.json();
  expect(body.facts.libvirtVersion).toMatch(/^9\./);
  expect(body.facts.qemuVersion).toMatch(/^7\./);

  const job = await (await operator.get(`/api/v1/jobs/${body.jobId}`)).json();
  expect(job).toMatchObject({ kind: "facts", state: "succeeded", steps: expect.arrayContaining([expect.objectContaining({ name: "connect", state: "succeeded" })]) });
  const sse = await operator.get(`/api/v1/jobs/${body.jobId}/events`);
  expect(sse.headers()["content-type"]).toContain("text/event-stream");
  const stream = await sse.text();
  expect(stream).toMatch(/^id: \d+$/m);
  expect(stream).toContain("event: end");
  const ids = [...stream.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  const replay = await (await operator.get(`/api/v1/jobs/${body.jobId}/events`, { headers: { "last-event-id": String(ids[1]) } })).text();
  expect([...replay.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(ids.slice(2));
});

test("metrics are Prometheus text and need a token", async () => {
  expect((await (await as("none")).get("/metrics")).status()).toBe(401);
  const res = await (await as("viewer")).get("/metrics");
  expect(res.headers()["content-type"]).toContain("text/plain");
  expect(await res.text()).toMatch(/^# TYPE virtshield_hosts gauge$/m);
});
