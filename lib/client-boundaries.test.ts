// What runs in the browser imports nothing from lib/server, not even a type: a client module's
// imports are client modules too, so one stray import pulls sessions and the database in.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const text = (file: string) => fs.readFileSync(file, "utf8");
const imports = (file: string) => [...text(file).matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
const directive = (file: string, name: string) => new RegExp(`^\\s*(?://[^\\n]*\\n\\s*)*["']${name}["']`).test(text(file));

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  return [`${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts"), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

// Every module the browser bundles: the "use client" files and what they import, stopping at
// "use server" files (the client holds only references to those actions).
function clientModules(): Set<string> {
  const seen = new Set<string>();
  const queue = [...sources(path.join(ROOT, "app")), ...sources(path.join(ROOT, "components"))].filter((f) => directive(f, "use client"));
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f) || directive(f, "use server")) continue;
    seen.add(f);
    for (const i of imports(f)) {
      const r = resolve(f, i);
      if (r && !r.includes(`${path.sep}node_modules${path.sep}`)) queue.push(r);
    }
  }
  return seen;
}

describe("client components", () => {
  const client = clientModules();

  it("finds the client modules and what they import", () => {
    expect([...client].map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["components/ui/form-message.tsx", "lib/action-result.ts"]));
  });

  it("import nothing from lib/server", () => {
    const bad = [...client].flatMap((f) => imports(f).filter((i) => i.startsWith("@/lib/server/") || resolve(f, i)?.startsWith(path.join(ROOT, "lib", "server"))).map((i) => `${path.relative(ROOT, f)}: ${i}`));
    expect(bad).toEqual([]);
  });
});
