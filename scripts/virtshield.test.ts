// The README's `TOKEN=$(npx virtshield token create --role admin)`, run as pasted, on a database no
// `npm start` has touched yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, it } from "vitest";
import { hashToken } from "@/lib/core/auth/opaque-token";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-bin-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it("`npx virtshield token create` migrates a new database and prints one usable token, nothing else, on stdout", () => {
  const file = path.join(dir, "vs.db");
  const stdout = execFileSync("npx", ["--no", "virtshield", "token", "create", "--role", "admin"], {
    cwd: path.join(ROOT, "lib"), // anywhere in the checkout
    env: { ...process.env, DATABASE_URL: `file:${file}`, VIRTSHIELD_SECRET_KEY_FILE: path.join(dir, "secret.key"), npm_config_update_notifier: "false" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

  expect(stdout).toMatch(/^vst_[A-Za-z0-9_-]{20,}\n$/);
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare("SELECT role, revokedAt FROM ApiToken WHERE tokenHash = ?").get(hashToken(stdout.trim()));
    expect(row).toEqual({ role: "admin", revokedAt: null });
    expect(db.prepare("SELECT name, role FROM User").all()).toEqual([{ name: "admin", role: "admin" }]);
  } finally {
    db.close();
  }
}, 60_000);
