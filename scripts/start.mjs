#!/usr/bin/env node
// `npm start`: migrate the database, build if the sources changed since the last build, serve.
// Every step runs under supervise(): Ctrl-C or SIGTERM to `npm start` stops it, the server too.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { supervise } from "./supervise.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
// Everything this process and its children create (database, -wal/-shm, key file) is owner-only.
process.umask(0o077);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
// Under `npm start`, npm's `sh -c` dying means npm was stopped: stop too (see supervise.mjs).
const options = { followParent: "npm_lifecycle_event" in process.env };

async function run(cmd, args) {
  const code = await supervise(cmd, args, options);
  if (code === 0) return;
  // 128 + n: stopped by a signal, which the person sending it already knows about.
  if (code < 128) console.error(`virtshield: ${path.basename(cmd)} ${args.join(" ")} failed`);
  process.exit(code);
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

if (!fs.existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) await run(bin("prisma"), ["generate"]);
// Not `prisma migrate deploy`: see scripts/migrations.ts for why (the same table, rows and checksums).
await run(bin("tsx"), [path.join(root, "scripts", "migrate.ts")]);
const stamp = path.join(root, ".next", "virtshield-source");
const fingerprint = sourceFingerprint();
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || !fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== fingerprint) {
  await run(bin("next"), ["build"]);
  fs.writeFileSync(stamp, fingerprint);
}
const port = process.env.PORT ?? "3000";
// Not HOSTNAME: shells and containers export that as the machine's own name.
const host = process.env.VIRTSHIELD_HOST ?? "127.0.0.1";
process.exit(await supervise(bin("next"), ["start", "-p", port, "-H", host], options));
