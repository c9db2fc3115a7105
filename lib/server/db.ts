import { VirtshieldSqlite } from "@/lib/server/sqlite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/server/env";
import { countQueriesPerRequest } from "@/lib/server/query-counter";

const globalForDb = globalThis as unknown as { virtshieldDb?: PrismaClient };

// One client per process (kept on globalThis so dev reloads do not open a new SQLite handle each time).
export function db(): PrismaClient {
  if (!globalForDb.virtshieldDb) {
    const factory = new VirtshieldSqlite({ url: env().DATABASE_URL });
    // Off unless a benchmark asks: see lib/server/query-counter.ts.
    const adapter = env().VIRTSHIELD_COUNT_QUERIES === "1" ? countQueriesPerRequest(factory) : factory;
    globalForDb.virtshieldDb = new PrismaClient({ adapter });
  }
  return globalForDb.virtshieldDb;
}
