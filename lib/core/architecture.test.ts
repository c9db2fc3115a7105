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

describe("lib/core boundaries", () => {
  const files = sources(CORE);

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("imports nothing from Next, React, app/, components/, lib/server or test code", () => {
    const bad = files.flatMap((f) => imports(f).filter((i) => /^(next|react|react-dom|server-only)(\/|$)|^@\/(app|components|e2e|testing|lib\/server)\//.test(i)).map((i) => `${path.relative(CORE, f)}: ${i}`));
    expect(bad).toEqual([]);
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
