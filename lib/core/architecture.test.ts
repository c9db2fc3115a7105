// The house rules of ARCHITECTURE.md that ESLint does not check. The import walls (lib/core
// imports no Next, React, app/, components/ or lib/server; production code no e2e/ or testing/)
// are eslint.config.mjs's, run by `npm run lint`. Import cycles are checked here: this walk of
// the graph takes about 0.1 s, where `import-x/no-cycle` took 30 s and more on the same tree.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = __dirname;
const ROOT = path.resolve(CORE, "../..");

// Production sources: test files, fixtures and the generated Prisma client left out.
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" || p === path.join(ROOT, "lib", "generated") ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

// Static imports and re-exports, type-only ones included. A dynamic `import()` is not an edge:
// it loads on demand, which is how a module may name one that imports it back.
const imports = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);

// The source file an import names, or null for a package.
function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

// Every cycle a depth-first walk of the import graph closes, type-only imports included (a
// cycle of types is still two modules that cannot be understood one without the other).
function importCycles(files: string[], root = ROOT): string[] {
  const graph = new Map(files.map((f) => [f, imports(f).map((i) => resolve(f, i)).filter((x): x is string => x !== null)]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map((x) => path.relative(root, x)).join(" -> "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

describe("the import graph", () => {
  const core = sources(CORE);
  const all = ["app", "components", "lib"].flatMap((d) => sources(path.join(ROOT, d)));

  it("finds the sources", () => {
    expect(core.length).toBeGreaterThan(50);
    expect(all.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["app/layout.tsx", "components/ui/card.tsx", "lib/server/route.ts", "lib/core/errors.ts"]));
  });

  it("has no import cycles, in lib/core or anywhere in the app", () => {
    expect(importCycles(all)).toEqual([]);
  });

  it("resolves the imports it walks, so the cycle check sees the real graph", () => {
    const pki = path.join(CORE, "pki");
    const edges = (f: string) => imports(f).map((i) => resolve(f, i)).filter(Boolean).map((x) => path.relative(ROOT, x!));
    expect(edges(path.join(pki, "revoke.ts"))).toEqual(expect.arrayContaining(["lib/core/pki/active-ca.ts", "lib/core/pki/crl.ts"]));
    expect(edges(path.join(pki, "crl.ts"))).toContain("lib/core/x509/index.ts");
    expect(edges(path.join(ROOT, "components/job-live.tsx"))).toContain("components/ui/progress-bar.tsx");
  });

  it("finds a cycle when there is one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cycle-probe-"));
    try {
      fs.mkdirSync(path.join(dir, "x"));
      fs.writeFileSync(path.join(dir, "a.ts"), `import type { B } from "./x/b";\nexport type A = B[];\n`);
      fs.writeFileSync(path.join(dir, "x", "b.ts"), `export type { A } from "../a";\nexport type B = { n: number };\n`);
      fs.writeFileSync(path.join(dir, "c.ts"), `import type { A } from "./a";\nexport const later = () => import("./c");\nexport type C = A;\n`);
      expect(importCycles(sources(dir), dir)).toEqual(["a.ts -> x/b.ts -> a.ts"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("lib/core", () => {
  it("keeps ssh2 in lib/core/ssh and node-forge in lib/core/x509", () => {
    const misplaced = sources(CORE).flatMap((f) => {
      const rel = path.relative(CORE, f);
      return imports(f)
        .filter((i) => (i === "ssh2" && !rel.startsWith("ssh/")) || (i === "node-forge" && !rel.startsWith("x509/")))
        .map((i) => `${rel}: ${i}`);
    });
    expect(misplaced).toEqual([]);
  });
});
