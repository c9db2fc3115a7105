import fs from "node:fs";
import path from "node:path";

// The embedded default: ./data/virtshield.db. DATABASE_URL ("file:/abs/path.db") overrides it.
// Shared by prisma.config.ts, the app and the CLI so all three open the same file.
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? `file:${path.resolve(process.cwd(), "data", "virtshield.db")}`;
  if (!url.startsWith("file:")) throw new Error("DATABASE_URL must be a SQLite file: URL");
  const file = url.slice("file:".length);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  process.env.DATABASE_URL = url;
  return url;
}
