import fc from "fast-check";
import { hostileQuery, hostileString, invalidBodies, resolve, sample, type Components, type JsonSchema } from "./schema-arbitraries";

// The requests of the hostile-input suite, derived from the served OpenAPI document so every
// route is covered as it is declared, plus hand-made cases no schema describes.

export interface OpenApiOperation {
  parameters?: { name: string; in: "path" | "query"; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Components };
}

export interface HostileRequest {
  method: string;
  url: string;
  /** Raw bytes on the wire (JSON unless contentType says otherwise). */
  body?: Buffer;
  contentType?: string;
  /** A write that must be refused: 4xx, and the database unchanged. */
  mustRefuse: boolean;
  why: string;
}

export interface Operation {
  method: string;
  path: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function operations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({
        method: m.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === "path"),
        query: (op.parameters ?? []).filter((p) => p.in === "query"),
        body: op.requestBody?.content["application/json"]?.schema,
      })),
    );
}

export const isWrite = (op: Operation) => WRITE.has(op.method);

// Ids that exist nowhere, or break the id rule; none may spell a sibling route or "." / "..".
function idArb(doc: OpenApiDoc): fc.Arbitrary<string> {
  const literals = new Set(Object.keys(doc.paths).flatMap((p) => p.split("/")).map((s) => s.toLowerCase()));
  return fc
    .oneof(
      fc.stringMatching(/^c[a-z0-9]{24}$/),
      fc.constantFrom("nonexistent", "0", "-1", "9".repeat(64), "a".repeat(65), "null", "undefined"),
      hostileString,
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
    )
    .filter((id) => id.length > 0 && id !== "." && id !== ".." && !literals.has(id.toLowerCase()));
}

function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ff"; // a lone surrogate: the undecodable form of the same idea
  }
}

const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, () => encodeSegment(id));
const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? "null");

// Bodies whose shape may pass, sent only where success is harmless: free text through to the core.
export const FREE_TEXT_TARGETS = new Set(["POST /api/v1/ca/import", "POST /api/v1/hosts/import", "POST /api/v1/tokens", "POST /api/v1/users"]);

/** The property-based requests of one operation, or null when it takes no input to be hostile with. */
export function requestsFor(op: Operation, doc: OpenApiDoc): fc.Arbitrary<HostileRequest> | null {
  const c = doc.components?.schemas ?? {};
  const ids = idArb(doc);
  const hasParams = op.params.length > 0;
  const arbs: fc.Arbitrary<HostileRequest>[] = [];
  const body = op.body ? resolve(op.body, c) : undefined;
  const broken = body ? invalidBodies(body, c) : null;
  if (broken) {
    arbs.push(
      fc.tuple(broken, ids).map(([b, id]) => ({ method: op.method, url: fill(op.path, id), body: json(b.body), mustRefuse: isWrite(op), why: b.why })),
    );
  }
  if (hasParams) {
    arbs.push(
      fc.tuple(ids, hostileString).map(([id, free]) => ({
        method: op.method,
        url: fill(op.path, id),
        body: body ? json(sample(body, c, free)) : undefined,
        mustRefuse: isWrite(op),
        why: `unknown or hostile id ${JSON.stringify(id).slice(0, 60)}`,
      })),
    );
  }
  if (op.method === "GET") {
    arbs.push(fc.tuple(ids, hostileQuery(op.query)).map(([id, q]) => ({ method: "GET", url: `${fill(op.path, id)}?${q}`, mustRefuse: false, why: `query ${q.slice(0, 80)}` })));
  }
  if (body && FREE_TEXT_TARGETS.has(`${op.method} ${op.path}`)) {
    arbs.push(hostileString.map((free) => ({ method: op.method, url: op.path, body: json(sample(body, c, free)), mustRefuse: false, why: `free text ${JSON.stringify(free).slice(0, 60)}` })));
  }
  return arbs.length ? fc.oneof(...arbs) : null;
}

function nested(depth: number, kind: "array" | "object"): Buffer {
  return Buffer.from(kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth));
}

/** Hand-made cases: undecodable paths, invalid UTF-8 and other bytes, huge and deep bodies. */
export function handMade(ops: Operation[]): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const op of ops) {
    const refuse = isWrite(op);
    if (op.params.length) out.push({ method: op.method, url: op.path.replace(/\{[^}]+\}/g, "%ff%fe"), mustRefuse: refuse, why: "invalid UTF-8 in the path" });
    if (op.params.length) out.push({ method: op.method, url: op.path.replace(/\{[^}]+\}/g, "%c0%af"), mustRefuse: refuse, why: "overlong UTF-8 in the path" });
    if (op.method === "GET") out.push({ method: "GET", url: `${fill(op.path, "nonexistent")}?q=%ff%fe&limit=%00`, mustRefuse: false, why: "invalid UTF-8 in the query" });
    if (!op.body) continue;
    const url = fill(op.path, "nonexistent");
    out.push(
      { method: op.method, url, body: Buffer.from('{"name":"\xff\xfe\xc0"}', "latin1"), mustRefuse: refuse, why: "invalid UTF-8 in the body" },
      { method: op.method, url, body: Buffer.from(JSON.stringify({ name: "x".repeat(1_200_000) })), mustRefuse: refuse, why: "body over 1 MiB" },
      { method: op.method, url, body: nested(100_000, "array"), mustRefuse: refuse, why: "arrays nested 100000 deep" },
      { method: op.method, url, body: nested(50_000, "object"), mustRefuse: refuse, why: "objects nested 50000 deep" },
      { method: op.method, url, body: Buffer.from("name=x&role=admin"), contentType: "application/x-www-form-urlencoded", mustRefuse: refuse, why: "a form body" },
      { method: op.method, url, body: Buffer.from("{"), mustRefuse: refuse, why: "truncated JSON" },
      { method: op.method, url, body: Buffer.from('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'), mustRefuse: refuse, why: "prototype keys" },
    );
  }
  return out;
}
