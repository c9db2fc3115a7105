import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/server/env";

const globalForDb = globalThis as unknown as { virtshieldDb?: PrismaClient };

// One client per process (kept on globalThis so dev reloads do not open a new SQLite handle each time).
export function db(): PrismaClient {
  if (!globalForDb.virtshieldDb) {
    const adapter = new PrismaBetterSQLite3({ url: env().DATABASE_URL });
    globalForDb.virtshieldDb = new PrismaClient({ adapter });
  }
  return globalForDb.virtshieldDb;
}
