// The house rules that keep lib/core plain TypeScript (ARCHITECTURE.md), checked on every test run.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = __dirname;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

const imports = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);

const ROOT = path.resolve(CORE, "../..");

// The core file an import names, or null for a package or anything outside lib/core.
function resolveCore(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  const file = [base, `${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  return file && file.startsWith(CORE + path.sep) ? file : null;
}

// Every cycle a depth-first walk of the import graph closes, type-only imports included (a
// cycle of types is still two modules that cannot be understood one without the other).
function importCycles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, imports(f).map((i) => resolveCore(f, i)).filter((x): x is string => x !== null)]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map((x) => path.relative(CORE, x)).join(" -> "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

describe("lib/core boundaries", () => {
  const files = sources(CORE);

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("imports nothing from Next, React, app/, components/, lib/server or test code", () => {
    const bad = files.flatMap((f) => imports(f).filter((i) => /^(next|react|react-dom|server-only)(\/|$)|^@\/(app|components|e2e|testing|lib\/server)\//.test(i)).map((i) => `${path.relative(CORE, f)}: ${i}`));
    expect(bad).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(importCycles(files)).toEqual([]);
  });

  it("resolves the imports it walks, so the cycle check sees the real graph", () => {
    const pki = path.join(CORE, "pki");
    const edges = (f: string) => imports(path.join(pki, f)).map((i) => resolveCore(path.join(pki, f), i)).filter(Boolean).map((x) => path.relative(CORE, x!));
    expect(edges("revoke.ts")).toEqual(expect.arrayContaining(["pki/active-ca.ts", "pki/crl.ts"]));
    expect(edges("crl.ts")).toContain("x509/index.ts");
  });

  it("keeps ssh2 in lib/core/ssh and node-forge in lib/core/x509", () => {
    const misplaced = files.flatMap((f) => {
      const rel = path.relative(CORE, f);
      return imports(f)
        .filter((i) => (i === "ssh2" && !rel.startsWith("ssh/")) || (i === "node-forge" && !rel.startsWith("x509/")))
        .map((i) => `${rel}: ${i}`);
    });
    expect(misplaced).toEqual([]);
  });
});
