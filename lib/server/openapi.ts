// /api/v1/openapi.json, generated from the Operation each route handler declares (lib/server/route.ts):
// its permission, its zod schemas and its status. Nothing about a route is written down twice.
import { z } from "zod";
import { ERROR_CODES, HTTP_STATUS } from "@/lib/core/errors";
import { PERMISSIONS } from "@/lib/core/auth/roles";
import { COMPONENTS } from "@/lib/server/api-schemas";
import { ROUTE_MODULES } from "@/lib/server/openapi-routes";
import type { Operation, RouteHandler } from "@/lib/server/route";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type JsonSchema = Record<string, unknown>;
const COMPONENT_URI = (id: string) => `#/components/schemas/${id}`;
const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

export function isRouteHandler(x: unknown): x is RouteHandler {
  return typeof x === "function" && "operation" in x;
}

// Every (path, method, operation) of the registry, in its order.
export function registeredOperations(): { path: string; method: (typeof HTTP_METHODS)[number]; operation: Operation }[] {
  return Object.entries(ROUTE_MODULES).flatMap(([path, mod]) =>
    HTTP_METHODS.flatMap((method) => {
      const handler: unknown = (mod as Record<string, unknown>)[method];
      return isRouteHandler(handler) ? [{ path, method, operation: handler.operation }] : [];
    }),
  );
}

// JSON carries Dates as ISO strings; anything else zod cannot express stays an open schema. A
// canonicalising pipe (trim, lower-case, then the rule) documents the rule a client must meet.
function jsonOptions(io: "input" | "output") {
  return {
    io,
    unrepresentable: "any",
    override: (ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) => {
      const def = ctx.zodSchema._zod.def;
      if (def.type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
      if (ctx.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete ctx.jsonSchema.maximum; // z.int()'s implied bound says nothing
      if (ctx.jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete ctx.jsonSchema.minimum;
      if (io === "input" && def.type === "pipe") {
        const pipe = def as z.core.$ZodPipeDef;
        if (pipe.in._zod.def.type === "string") Object.assign(ctx.jsonSchema, strip(z.toJSONSchema(pipe.out, jsonOptions(io)) as JsonSchema));
      }
    },
  } as const;
}

// Each schema is embedded in the document: no dialect or id of its own.
function strip(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

const requestSchema = (s: z.ZodType) => strip(z.toJSONSchema(s, jsonOptions("input")) as JsonSchema);

// Responses share the named components: one registry conversion, then the per-operation schemas
// (registered under temporary ids) are taken back out and inlined.
function responseSchemas(ops: Operation[]) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const idOf = new Map<z.ZodType, string>(Object.entries(COMPONENTS).map(([id, s]) => [s, id]));
  const schemasOf = (op: Operation) => [op.response, ...Object.values(op.otherResponses ?? {}).map((r) => r.schema)];
  for (const s of ops.flatMap(schemasOf)) {
    if (s && !idOf.has(s)) {
      idOf.set(s, `__op${idOf.size}`);
      registry.add(s, { id: idOf.get(s)! });
    }
  }
  const converted = z.toJSONSchema(registry, { ...jsonOptions("output"), uri: COMPONENT_URI }).schemas as Record<string, JsonSchema>;
  const temp = new Set([...idOf.values()].filter((id) => id.startsWith("__op")));
  const inline = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(inline);
    if (typeof v !== "object" || v === null) return v;
    const ref = (v as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && temp.has(ref.replace(COMPONENT_URI(""), ""))) return inline(strip(converted[ref.replace(COMPONENT_URI(""), "")]));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inline(x)]));
  };
  const components = Object.fromEntries(Object.keys(COMPONENTS).map((id) => [id, inline(strip(converted[id]))]));
  const schemaFor = (s: z.ZodType): unknown => {
    const id = idOf.get(s)!;
    return temp.has(id) ? inline(strip(converted[id])) : { $ref: COMPONENT_URI(id) };
  };
  return { components, schemaFor };
}

function parameters(op: Operation) {
  const from = (where: "path" | "query", s: z.ZodType | undefined) => {
    if (!s) return [];
    const json = requestSchema(s) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, { description, ...schema }]) => ({
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema,
    }));
  };
  return [...from("path", op.params), ...from("query", op.query)];
}

// Every error status of the one code->HTTP table, named by the codes that answer with it.
const errorStatuses = [...new Set(Object.values(HTTP_STATUS))].sort();
const errorResponses = Object.fromEntries(
  errorStatuses.map((status) => [
    `Error${status}`,
    {
      description: ERROR_CODES.filter((c) => HTTP_STATUS[c] === status).join(" or "),
      content: { "application/json": { schema: { $ref: COMPONENT_URI("Error") } } },
    },
  ]),
);

const PAGE_HEADERS = {
  "X-Total-Count": { description: "how many rows match, on every page", schema: { type: "integer" } },
  Link: { description: 'the neighbouring pages, rel="next" and rel="prev"', schema: { type: "string" } },
};
const PAGE_SENTENCE = "One page of the list (`page`, `limit`): the total is in `X-Total-Count`, the neighbouring pages in `Link`.";

function permissionSentence(op: Operation): string {
  return `Needs the \`${op.permission}\` permission (roles: ${PERMISSIONS[op.permission].join(", ")}).`;
}

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1/, "").split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function describeOperation(path: string, method: string, op: Operation, schemaFor: (s: z.ZodType) => unknown) {
  const status = op.status ?? 200;
  const content = {
    ...(op.response ? { "application/json": { schema: schemaFor(op.response) } } : {}),
    ...(op.produces ? { [op.produces]: { schema: { type: "string" } } } : {}),
  };
  const params = parameters(op);
  const others = Object.entries(op.otherResponses ?? {}).map(([s, r]) => [
    s,
    { description: r.description, ...(r.schema ? { content: { "application/json": { schema: schemaFor(r.schema) } } } : {}) },
  ]);
  return {
    operationId: operationId(method, path),
    tags: [path.replace(/^\/api\/v1\//, "").replace(/^\//, "").split("/")[0]],
    summary: op.summary,
    description: [op.description, op.paged ? PAGE_SENTENCE : null, permissionSentence(op)].filter(Boolean).join("\n\n"),
    "x-permission": op.permission,
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: !op.body.safeParse({}).success, content: { "application/json": { schema: requestSchema(op.body) } } } } : {}),
    responses: {
      [status]: {
        description: STATUS_TEXT[status] ?? "OK",
        ...(op.paged ? { headers: PAGE_HEADERS } : {}),
        ...(Object.keys(content).length ? { content } : {}),
      },
      ...Object.fromEntries(others),
      ...Object.fromEntries(errorStatuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }])),
    },
  };
}

let cached: ReturnType<typeof buildDocument> | undefined;

function buildDocument() {
  const ops = registeredOperations();
  const { components, schemaFor } = responseSchemas(ops.map((o) => o.operation));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, method, operation } of ops) (paths[path] ??= {})[method.toLowerCase()] = describeOperation(path, method, operation, schemaFor);
  return {
    openapi: "3.1.0",
    info: {
      title: "virtshield API",
      version: "1",
      description:
        "Every call needs `Authorization: Bearer <token>` (or the dashboard's session cookie). " +
        'Errors answer {"error":{"code","message","fields?"}}; each operation names the permission it needs.',
    },
    security: [{ bearer: [] }],
    paths,
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, responses: errorResponses, schemas: components },
  };
}

export function openApiDocument() {
  return (cached ??= buildDocument());
}
