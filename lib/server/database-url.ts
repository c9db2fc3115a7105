import fs from "node:fs";
import path from "node:path";

// The embedded default: ./data/virtshield.db. DATABASE_URL ("file:/abs/path.db") overrides it.
// Shared by prisma.config.ts, the app and the CLI so all three open the same file.
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? `file:${path.resolve(process.cwd(), "data", "virtshield.db")}`;
  if (!url.startsWith("file:")) throw new Error("DATABASE_URL must be a SQLite file: URL");
  const file = url.slice("file:".length);
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  // Password hashes and sealed keys live here: create the file owner-only before SQLite does.
  if (!fs.existsSync(abs)) fs.closeSync(fs.openSync(abs, "a", 0o600));
  process.env.DATABASE_URL = url;
  return url;
}
