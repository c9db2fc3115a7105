import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { PERMISSIONS } from "@/lib/core/auth/roles";
import { DNS_NAME_RE } from "@/lib/core/validation";
import { EXPIRY_BANDS } from "@/lib/core/pki/certificate-enums";
import { HTTP_METHODS, isRouteHandler, openApiDocument, registeredOperations } from "@/lib/server/openapi";
import { ROUTE_MODULES } from "@/lib/server/openapi-routes";

const ROOT = path.resolve(__dirname, "../..");
const doc = openApiDocument();
type Op = { summary: string; description: string; "x-permission": string; parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, unknown> };
const op = (p: string, method: string) => (doc.paths[p] as Record<string, Op>)[method];

// app/api/v1/hosts/[id]/route.ts -> /api/v1/hosts/{id}
function routeFiles(): { file: string; path: string }[] {
  const out: { file: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") out.push({ file: full, path: "/" + path.relative(path.join(ROOT, "app"), dir).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}") });
    }
  };
  walk(path.join(ROOT, "app/api/v1"));
  walk(path.join(ROOT, "app/metrics"));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(doc.openapi).toBe("3.1.0");
  });

  it("has an operation for every exported method of every route file, and a route file for every operation", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    // A route file missing from lib/server/openapi-routes.ts, or a registered path without a file:
    const registered = Object.keys(ROUTE_MODULES);
    const unregistered = files.map((f) => f.path).filter((p) => !registered.includes(p));
    const withoutRouteFile = registered.filter((p) => !files.some((f) => f.path === p));
    expect({ unregistered, withoutRouteFile }).toEqual({ unregistered: [], withoutRouteFile: [] });
    for (const { file, path: p } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = HTTP_METHODS.filter((m) => m in mod);
      expect(exported.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of exported) {
        const handler = mod[method];
        expect(isRouteHandler(handler), `${p} ${method} is not an apiRoute`).toBe(true);
        expect((ROUTE_MODULES[p] as Record<string, unknown>)[method], `${p} ${method} registered from another module`).toBe(handler);
        expect(op(p, method.toLowerCase())?.summary, `${p} ${method} has no Operation declaration (summary)`).toBeTruthy();
      }
      const documented = Object.keys(doc.paths[p] ?? {}).map((m) => m.toUpperCase());
      expect(documented.sort(), p).toEqual([...exported].sort());
    }
  });

  it("declares path parameters exactly as the path template names them", () => {
    for (const { path: p, method, operation } of registeredOperations()) {
      const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = Object.keys((operation.params as { shape?: object } | undefined)?.shape ?? {}).sort();
      expect(declared, `${method} ${p}`).toEqual(placeholders);
    }
  });

  it("shows the permission of each operation, as x-permission and in its description, under a unique operationId", () => {
    const ops = registeredOperations();
    for (const { path: p, method, operation } of ops) {
      const o = op(p, method.toLowerCase());
      expect(o["x-permission"]).toBe(operation.permission);
      expect(o.description).toContain(`Needs the \`${operation.permission}\` permission (roles: ${PERMISSIONS[operation.permission].join(", ")})`);
    }
    const ids = ops.map(({ path: p, method }) => (op(p, method.toLowerCase()) as unknown as { operationId: string }).operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(op("/api/v1/clusters", "post")["x-permission"]).toBe("clusters:write");
    expect(op("/api/v1/hosts", "get")["x-permission"]).toBe("read");
  });

  it("takes rules and lists from the zod schemas the routes parse with", () => {
    const post = op("/api/v1/hosts", "post") as unknown as { requestBody: { content: { "application/json": { schema: { properties: Record<string, { pattern?: string }>; required: string[] } } } } };
    const body = post.requestBody.content["application/json"].schema;
    expect(body.properties.name.pattern).toBe(DNS_NAME_RE.source);
    expect(body.required.sort()).toEqual(["address", "clusterId", "name"]);
    const band = op("/api/v1/certificates", "get").parameters?.find((x) => x.name === "band") as unknown as { schema: { enum: string[] } };
    expect(band.schema.enum).toEqual([...EXPIRY_BANDS]);
    const certificate = doc.components.schemas.Certificate as { properties: { band: { enum: string[] } } };
    expect(certificate.properties.band.enum).toEqual([...EXPIRY_BANDS]);
    // The host name rule appears wherever a DNS name is accepted, always as the one DNS_NAME_RE.
    expect(JSON.stringify(doc).split(JSON.stringify(DNS_NAME_RE.source).slice(1, -1)).length).toBeGreaterThan(2);
  });

  it("describes the main answers by component and every error by the one error shape", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "Host", "Cluster", "Job", "Certificate"]));
    const created = op("/api/v1/hosts", "post").responses["201"] as { content: Record<string, { schema: unknown }> };
    expect(created.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Host" });
    expect(op("/api/v1/hosts/{id}", "delete").responses["204"]).toEqual({ description: "No content" });
    const page = op("/api/v1/hosts", "get").responses["200"] as { headers: Record<string, unknown> };
    expect(Object.keys(page.headers)).toEqual(["X-Total-Count", "Link"]);
    expect(op("/api/v1/hosts", "get").parameters?.map((x) => x.name)).toEqual(expect.arrayContaining(["page", "limit", "sort", "q"]));
    expect(op("/api/v1/hosts", "get").responses["409"]).toEqual({ $ref: "#/components/responses/Error409" });
    const error = doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(error.properties.error.properties.code.enum).toContain("INTERNAL");
  });
});
