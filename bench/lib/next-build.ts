// The production build the dashboard figure measures: reused when it matches the sources, rebuilt
// otherwise, never while another `next build` runs in this tree (the e2e runs build here too).
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
const STAMP = path.join(ROOT, ".next", "virtshield-source");

// The same fingerprint as scripts/start.mjs (paths, sizes, mtimes), so `npm start` and the bench
// agree on whether the build is current and neither rebuilds after the other.
export function sourceFingerprint(): string {
  const h = crypto.createHash("sha256");
  const walk = (rel: string) => {
    const p = path.join(ROOT, rel);
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (["node_modules", ".next", "generated"].includes(path.basename(p))) return;
      for (const e of fs.readdirSync(p).sort()) walk(path.join(rel, e));
    } else h.update(`${rel}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const p of ["app", "components", "lib", "public", "prisma", "next.config.ts", "package-lock.json", "instrumentation.ts"]) walk(p);
  return h.digest("hex");
}

function otherBuildRunning(): boolean {
  try {
    // A running build retitles itself "next-build (vX)"; the command line says "next build".
    return execFileSync("pgrep", ["-f", "next[ -]build"], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false; // pgrep exits 1 when nothing matches
  }
}

export type BuildState = "current" | "rebuilt" | "stale (--no-build)";

export async function ensureBuild(opts: { allowStale: boolean; log: (s: string) => void }): Promise<BuildState> {
  const fresh = () => fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === sourceFingerprint();
  for (let waited = 0; otherBuildRunning(); waited += 5) {
    if (waited >= 900) throw new Error("another `next build` has been running for 15 minutes; try again later");
    if (waited === 0) opts.log("waiting for the `next build` already running in this tree");
    await new Promise((r) => setTimeout(r, 5000));
  }
  if (fresh()) return "current";
  if (opts.allowStale && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return "stale (--no-build)";
  const fingerprint = sourceFingerprint();
  opts.log("next build (the sources changed since the last build; takes a few minutes)");
  const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  fs.writeFileSync(STAMP, fingerprint);
  return "rebuilt";
}
