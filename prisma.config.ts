import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/server/database-url";

// Resolved at load: the schema's env("DATABASE_URL") must exist before Prisma reads it. Prisma 6.19
// requires that url in the schema, and its migrate commands then warn that it "will NOT be used"
// (the adapter below is); `npm start` migrates with scripts/migrations.ts instead, without the warning.
const url = databaseUrl();

// The JS engine + better-sqlite3 adapter keep every Prisma command offline (no engine download).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
