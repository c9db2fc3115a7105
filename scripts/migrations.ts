// Applies prisma/migrations to a SQLite file exactly as `prisma migrate deploy` does with the JS
// engine and the better-sqlite3 adapter: the same `_prisma_migrations` table, rows, checksums and
// timestamps, each script run whole by better-sqlite3's exec. So `npx prisma migrate status` and
// `deploy` agree with it, and either may run after the other.
//
// Why not the Prisma CLI at every `npm start`: Prisma 6.19 requires `url` in the schema's datasource
// (P1012 without it), and its migrate commands then print, every time, that the schema's url "will
// NOT be used" because prisma.config.ts supplies a driver adapter. Prisma 7 drops the url; until
// then `npm start` migrates here, which also saves the CLI's start-up.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// Prisma's own DDL for SQLite, column for column, so a table either side created is the same table.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type Row = { migration_name: string; finished_at: string | null; rolled_back_at: string | null };

export class MigrationError extends Error {}

/** The migration folders under `dir` that hold a migration.sql, in the order Prisma applies them. */
export function listMigrations(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

// Prisma writes RFC 3339 with milliseconds and an explicit +00:00.
const timestamp = (d: Date) => d.toISOString().replace(/Z$/, "+00:00");

/** Applies the pending migrations of `dir` to the database `file`; returns the names applied. */
export function applyMigrations(file: string, dir: string, now: () => Date = () => new Date()): string[] {
  const db = new Database(file);
  try {
    db.exec(CREATE_TABLE);
    const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations").all() as Row[];
    // As Prisma's P3009: a migration that failed half-way leaves the schema unknown; a person decides.
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `migration ${failed.migration_name} failed earlier and is unfinished in ${file}; repair the database, then ` +
          `run \`npx prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied) and start again`,
      );
    }
    const done = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
    const applied: string[] = [];
    for (const name of listMigrations(dir)) {
      if (done.has(name)) continue;
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      const id = crypto.randomUUID();
      db.prepare(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)",
      ).run(id, crypto.createHash("sha256").update(bytes).digest("hex"), name, timestamp(now()));
      try {
        // Not in a transaction, as Prisma: SQLite ignores PRAGMA foreign_keys inside one, and the
        // generated table rebuilds switch it off and on.
        db.exec(bytes.toString("utf8"));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        db.prepare("UPDATE _prisma_migrations SET logs = ? WHERE id = ?").run(message, id);
        throw new MigrationError(`migration ${name} failed: ${message}`);
      }
      db.prepare("UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?").run(timestamp(now()), id);
      applied.push(name);
    }
    return applied;
  } finally {
    db.close();
  }
}
