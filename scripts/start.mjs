#!/usr/bin/env node
// `npm start`: migrate the database, build if the sources changed since the last build, serve.
import { spawnSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
// Everything this process and its children create (database, -wal/-shm, key file) is owner-only.
process.umask(0o077);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`virtshield: ${path.basename(cmd)} ${args.join(" ")} failed`);
    process.exit(r.status ?? 1);
  }
}

// A cheap fingerprint of what the build depends on: paths, sizes and mtimes.
function sourceFingerprint() {
  const h = crypto.createHash("sha256");
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (["node_modules", ".next", "generated"].includes(path.basename(p))) return;
      for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    } else h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const p of ["app", "components", "lib", "public", "prisma", "next.config.ts", "package-lock.json", "instrumentation.ts"]) walk(p);
  return h.digest("hex");
}

if (!fs.existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) run(bin("prisma"), ["generate"]);
run(bin("prisma"), ["migrate", "deploy"]);
const stamp = path.join(root, ".next", "virtshield-source");
const fingerprint = sourceFingerprint();
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || !fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== fingerprint) {
  run(bin("next"), ["build"]);
  fs.writeFileSync(stamp, fingerprint);
}
const port = process.env.PORT ?? "3000";
// Not HOSTNAME: shells and containers export that as the machine's own name.
const host = process.env.VIRTSHIELD_HOST ?? "127.0.0.1";
const child = spawn(bin("next"), ["start", "-p", port, "-H", host], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
