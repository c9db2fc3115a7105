import fc from "fast-check";

// fast-check arbitraries of hostile inputs, derived from the JSON schemas of the served OpenAPI
// document: each body breaks at least one rule its schema states (so a write must be refused),
// and carries hostile strings in every free-text field on the way.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export type Components = Record<string, JsonSchema>;
type Path = (string | number)[];

export const HOSTILE_STRINGS = [
  "; rm -rf / #", "$(reboot)", "`id`", "a\nb", "a\r\nX-Injected: 1", "\u0000", "x\u0000y", "../../etc/passwd", "' OR 1=1 --",
  '"};{"a":1', "<script>alert(1)</script>", "%ff%fe", "\\", "${IFS}", "{{7*7}}", "|| true", "&& echo pwned", "-oProxyCommand=sh",
  "--help", "*", "\t\t", "\u202e\u0301", "\ud83d\ude00", "\ud800", "\uffff", "\ufeff", " ", "", "null", "NaN", "1e309", "x".repeat(5000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b),
);

export function resolve(schema: JsonSchema | undefined, components: Components): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && s.$ref; i++) s = components[s.$ref.replace("#/components/schemas/", "")] ?? {};
  if (s.allOf?.length === 1) return resolve(s.allOf[0], components);
  return s;
}

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);

// The JSON types a schema admits, or null when it admits anything (or we cannot tell).
function typesOf(s: JsonSchema, c: Components): Set<string> | null {
  if (s.const !== undefined) return new Set([jsonType(s.const)]);
  if (s.enum) return new Set(s.enum.map(jsonType));
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const all = new Set<string>();
    for (const b of branches) {
      const t = typesOf(resolve(b, c), c);
      if (!t) return null;
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  if (!s.type) return null;
  return new Set(Array.isArray(s.type) ? s.type : [s.type]);
}

const WRONG = [123, 1.5, -1, true, null, "text", [], {}, [1, "a"], { $ne: 1 }];

function wrongValues(types: Set<string>): unknown[] {
  return WRONG.filter((v) => {
    const t = jsonType(v);
    if (types.has(t)) return false;
    if (t === "integer" && types.has("number")) return false;
    return true;
  });
}

const canonical = (s: string) => s.trim().toLowerCase();

function breaksPattern(pattern: string, v: string): boolean {
  try {
    const re = new RegExp(pattern);
    return !re.test(v) && !re.test(canonical(v)) && !re.test(v.trim());
  } catch {
    return false;
  }
}

// A value shaped like the schema (not necessarily valid), the base a mutation is applied to.
export function sample(schema: JsonSchema | undefined, c: Components, free: string, depth = 0): unknown {
  const s = resolve(schema, c);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const branch = (s.anyOf ?? s.oneOf)?.find((b) => resolve(b, c).type !== "null");
  if (branch) return sample(branch, c, free, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object" || s.properties) {
    if (depth > 4) return {};
    return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], c, free, depth + 1)]));
  }
  if (type === "array") return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, c, free, depth + 1));
  if (type === "integer" || type === "number") return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (type === "boolean") return false;
  if (type === "null") return null;
  if (type === "string") {
    // Free text (a length limit at most) carries the hostile payload.
    if (!s.pattern && !s.format && free.length <= (s.maxLength ?? Infinity) && free.length >= (s.minLength ?? 0)) return free;
    const fits = ["hv-1", "198.18.0.77", "a", "abc123", `SHA256:${"A".repeat(43)}`, "2026-01-01T00:00:00.000Z", "lab"].find(
      (v) => (!s.pattern || !breaksPattern(s.pattern, v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity),
    );
    return fits ?? "a";
  }
  return free;
}

interface Site {
  path: Path;
  schema: JsonSchema;
}

// Every place in the body a rule applies to: properties and array items, a few levels deep.
function sites(schema: JsonSchema, c: Components, path: Path = [], depth = 0): Site[] {
  const s = resolve(schema, c);
  const here: Site[] = [{ path, schema: s }];
  if (depth > 3) return here;
  const children = Object.entries(s.properties ?? {}).flatMap(([k, p]) => sites(p, c, [...path, k], depth + 1));
  const items = s.items ? sites(s.items, c, [...path, 0], depth + 1) : [];
  return [...here, ...children, ...items];
}

function setAt(base: unknown, path: Path, value: unknown, schema: JsonSchema, c: Components, free: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const s = resolve(schema, c);
  if (typeof head === "number") {
    const item = sample(s.items, c, free);
    return [setAt(item, rest, value, s.items ?? {}, c, free)];
  }
  const obj = base && typeof base === "object" && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const child = head in obj ? obj[head] : sample(s.properties?.[head], c, free);
  obj[head] = setAt(child, rest, value, s.properties?.[head] ?? {}, c, free);
  return obj;
}

function removeAt(base: unknown, path: Path, key: string): unknown {
  if (path.length === 0) {
    const { [key]: _gone, ...rest } = base as Record<string, unknown>;
    return rest;
  }
  const [head, ...rest] = path;
  if (Array.isArray(base)) return base.map((x, i) => (i === head ? removeAt(x, rest, key) : x));
  const obj = { ...(base as Record<string, unknown>) };
  obj[head as string] = removeAt(obj[head as string], rest, key);
  return obj;
}

export interface HostileBody {
  body: unknown;
  why: string;
}

type Edit = { kind: "set"; value: unknown; why: string } | { kind: "drop"; key: string; why: string } | { kind: "extra"; key: string; value: unknown; why: string };

// The rule-breaking edits one site allows; each yields a body the schema refuses.
function breakersAt(site: Site, c: Components): fc.Arbitrary<Edit>[] {
  const s = site.schema;
  const where = site.path.join(".") || "(body)";
  const out: fc.Arbitrary<Edit>[] = [];
  const set = (value: unknown, why: string): Edit => ({ kind: "set", value, why: `${where}: ${why}` });
  const types = typesOf(s, c);
  const wrong = types ? wrongValues(types) : [];
  if (wrong.length) out.push(fc.constantFrom(...wrong).map((v) => set(v, `wrong type ${jsonType(v)}`)));
  const plainString = types?.size === 1 && types.has("string") && !s.anyOf && !s.oneOf;
  if (plainString && s.pattern) {
    const pattern = s.pattern;
    out.push(hostileString.filter((v) => breaksPattern(pattern, v)).map((v) => set(v, `breaks ${pattern}`)));
  }
  if (plainString && s.enum) {
    const allowed = s.enum;
    out.push(hostileString.filter((v) => !allowed.includes(v) && !allowed.includes(canonical(v))).map((v) => set(v, "not one of the enum")));
  }
  if (plainString && s.maxLength !== undefined) {
    const over = s.maxLength + 10;
    out.push(fc.constantFrom("x", ";x", "\u0000", "é").map((ch) => set(ch.repeat(over), `longer than ${s.maxLength}`)));
  }
  const numeric = types !== null && [...types].every((t) => t === "integer" || t === "number");
  if (numeric && s.maximum !== undefined) out.push(fc.constant(set(s.maximum + 1, `above ${s.maximum}`)));
  if (numeric && s.minimum !== undefined) out.push(fc.constant(set(s.minimum - 1, `below ${s.minimum}`)));
  if (types?.size === 1 && types.has("integer")) out.push(fc.constant(set(0.5, "not an integer")));
  if (s.maxItems !== undefined && types?.size === 1 && types.has("array")) {
    out.push(fc.constant(set(Array.from({ length: s.maxItems + 1 }, () => sample(s.items, c, "x")), `more than ${s.maxItems} items`)));
  }
  if (s.required?.length) out.push(fc.constantFrom(...s.required).map((key): Edit => ({ kind: "drop", key, why: `${where}: ${key} missing` })));
  if (s.additionalProperties === false && (types === null || types.has("object"))) {
    const known = new Set(Object.keys(s.properties ?? {}));
    const key = fc.oneof(fc.constantFrom("isAdmin", "__proto__x", "role ", "$where"), hostileString).filter((k) => !known.has(k));
    out.push(fc.tuple(key, hostileString).map(([k, v]): Edit => ({ kind: "extra", key: k, value: v, why: `${where}: extra key ${JSON.stringify(k)}` })));
  }
  return out;
}

/** Bodies that break at least one stated rule of `schema`, with hostile free text elsewhere. */
export function invalidBodies(schema: JsonSchema, c: Components): fc.Arbitrary<HostileBody> | null {
  const choices = sites(schema, c).flatMap((site) => breakersAt(site, c).map((arb) => ({ site, arb })));
  if (choices.length === 0) return null;
  return fc.tuple(fc.constantFrom(...choices), hostileString).chain(([{ site, arb }, free]) =>
    arb.map((edit): HostileBody => {
      const base = sample(schema, c, free);
      if (edit.kind === "set") return { body: setAt(base, site.path, edit.value, schema, c, free), why: edit.why };
      const here = sample(site.schema, c, free) as Record<string, unknown>;
      if (edit.kind === "extra") return { body: setAt(base, site.path, { ...here, [edit.key]: edit.value }, schema, c, free), why: edit.why };
      return { body: removeAt(setAt(base, site.path, here, schema, c, free), site.path, edit.key), why: edit.why };
    }),
  );
}

/** Query strings with hostile values for every declared parameter, and some undeclared ones. */
export function hostileQuery(params: { name: string; schema: JsonSchema }[]): fc.Arbitrary<string> {
  const names = [...params.map((p) => p.name), "__proto__", "q\u0000", "limit"];
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...names), fc.oneof(hostileString, fc.constantFrom("-1", "0", "99999999999", "1.5", "abc", "true"))), {
    minLength: 1,
    maxLength: 4,
    selector: ([k]) => k,
  }).map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k, v);
    return q.toString();
  });
}
