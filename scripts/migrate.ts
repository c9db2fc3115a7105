// `npm start` and the `virtshield` command run this first: bring the database that DATABASE_URL
// names (default ./data/virtshield.db) up to prisma/migrations. Quiet when nothing is pending.
import path from "node:path";
import { databaseUrl } from "@/lib/server/database-url";
import { applyMigrations, MigrationError } from "./migrations";

// The database file, its journal and -wal/-shm hold password hashes and sealed keys.
process.umask(0o077);
const file = path.resolve(databaseUrl().slice("file:".length));
try {
  const applied = applyMigrations(file, path.resolve(__dirname, "..", "prisma", "migrations"));
  if (applied.length > 0) {
    process.stderr.write(`virtshield: migrated ${file}: ${applied.length} migration(s) applied, now at ${applied.at(-1)}\n`);
  }
} catch (e) {
  process.stderr.write(`virtshield: ${e instanceof MigrationError ? e.message : String(e)}\n`);
  process.exit(1);
}
