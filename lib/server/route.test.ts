import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/core/auth/roles";
import { DomainError } from "@/lib/core/errors";

// The request pipeline of apiRoute, with the session/token lookup and the database swapped out.
const auth = vi.hoisted(() => ({ actor: null as Actor | null, via: "token" as "token" | "cookie" | "none" }));
const logged = vi.hoisted(() => [] as { message: string; fields?: Record<string, unknown> }[]);
const refusals = vi.hoisted(() => [] as unknown[][]);
vi.mock("@/lib/server/auth", () => ({ actorFromRequest: async () => ({ actor: auth.actor, via: auth.via }) }));
vi.mock("@/lib/server/refusal", () => ({ recordRefusal: async (...args: unknown[]) => void refusals.push(args) }));
vi.mock("@/lib/server/context", () => ({
  logger: () => ({ info() {}, warn() {}, error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }) }),
  serverContext: (actor: Actor) => ({ actor }),
}));

const { apiRoute, IdParams, MAX_BODY_BYTES } = await import("@/lib/server/route");

const operator: Actor = { type: "token", id: "t1", name: "token:ops", role: "operator" };
const viewer: Actor = { type: "token", id: "t2", name: "token:view", role: "viewer" };
const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://dash.test${url}`, { method: "POST", body, headers: { "content-type": "application/json", host: "dash.test", ...headers } });

const Body = z.strictObject({ name: z.string().regex(/^[a-z]+$/), port: z.number().int().default(22) });
const create = apiRoute(
  { permission: "hosts:write", summary: "Create", body: Body, response: z.object({ name: z.string(), port: z.number() }), status: 201 },
  ({ body }) => body,
);
const list = apiRoute(
  { permission: "read", summary: "List", query: z.object({ limit: z.coerce.number().int().max(10).default(5), tag: z.string().optional() }) },
  ({ query }) => query,
);

beforeEach(() => {
  auth.actor = operator;
  auth.via = "token";
  logged.length = 0;
  refusals.length = 0;
});

describe("apiRoute", () => {
  it("keeps the Operation on the handler for the OpenAPI document", () => {
    expect(create.operation).toMatchObject({ permission: "hosts:write", summary: "Create", status: 201 });
  });

  it("answers 401 without an actor and 403 for a role without the permission, and audits refused writes", async () => {
    auth.actor = null;
    const anonymous = await create(post("/x", "{}"), noParams);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    auth.actor = viewer;
    const denied = await create(post("/x", '{"name":"a"}'), noParams);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "The viewer role may not do this" } });
    expect(refusals.map((r) => r[1])).toEqual(["api.POST /x", "api.POST /x"]);
  });

  it("refuses a cookie-authenticated write from another origin", async () => {
    auth.via = "cookie";
    expect((await create(post("/x", '{"name":"a"}', { origin: "http://evil.example" }), noParams)).status).toBe(403);
    expect((await create(post("/x", '{"name":"a"}', { origin: "http://dash.test" }), noParams)).status).toBe(201);
  });

  it("parses the body with the declared schema and answers at the declared status", async () => {
    const res = await create(post("/x", '{"name":"hv"}'), noParams);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: "hv", port: 22 });
  });

  it("answers 400 VALIDATION naming the field, 400 for broken JSON and extra fields, 413 past the limit", async () => {
    const bad = await create(post("/x", '{"name":"a;reboot"}'), noParams);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields)).toEqual(["name"]);
    expect((await create(post("/x", "{not json"), noParams)).status).toBe(400);
    expect((await create(post("/x", '{"name":"a","isAdmin":true}'), noParams)).status).toBe(400);
    const huge = await create(post("/x", JSON.stringify({ name: "a".repeat(MAX_BODY_BYTES) })), noParams);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("parses the query (blank values left out) and the path parameters", async () => {
    const ok = await list(new Request("http://dash.test/x?limit=7&tag="), noParams);
    expect(await ok.json()).toEqual({ limit: 7 });
    const tooMany = await list(new Request("http://dash.test/x?limit=11"), noParams);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: "VALIDATION", fields: { limit: [expect.any(String)] } } });
    const byId = apiRoute({ permission: "read", summary: "Get", params: IdParams }, ({ params }) => ({ id: params.id }));
    expect(await (await byId(new Request("http://dash.test/x/abc"), withId("abc"))).json()).toEqual({ id: "abc" });
    expect((await byId(new Request("http://dash.test/x/a.b"), withId("a.b"))).status).toBe(400);
  });

  it("answers 204 with no body, and passes a handler's own Response through", async () => {
    const del = apiRoute({ permission: "hosts:write", summary: "Delete", status: 204 }, () => undefined);
    const res = await del(new Request("http://dash.test/x", { method: "DELETE" }), noParams);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const csv = apiRoute({ permission: "read", summary: "CSV", produces: "text/csv" }, () => new Response("a,b\n", { headers: { "content-type": "text/csv" } }));
    const file = await csv(new Request("http://dash.test/x"), noParams);
    expect(file.headers.get("content-type")).toBe("text/csv");
    expect(await file.text()).toBe("a,b\n");
  });

  it("maps DomainErrors to their status, unique violations to 409, and anything else to 500 with a logged reference", async () => {
    const failing = (e: unknown) => apiRoute({ permission: "read", summary: "Fail" }, () => Promise.reject(e));
    const missing = await failing(new DomainError("NOT_FOUND", "No such host"))(new Request("http://dash.test/x"), noParams);
    expect(missing.status).toBe(404);
    const dup = await failing(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))(new Request("http://dash.test/x"), noParams);
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: { code: "CONFLICT" } });
    const crash = await failing(new Error("disk I/O error at /var/lib/virtshield"))(new Request("http://dash.test/api/v1/hosts"), noParams);
    expect(crash.status).toBe(500);
    const { error } = (await crash.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toMatch(/^Unexpected error \(ref [0-9a-f]{8}\)$/);
    expect(logged).toHaveLength(1);
    expect(logged[0].fields).toMatchObject({ in: "api", method: "GET", path: "/api/v1/hosts", ref: error.message.slice(-9, -1) });
  });
});
