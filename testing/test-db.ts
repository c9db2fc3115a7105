import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { VirtshieldSqlite } from "@/lib/server/sqlite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR, type Actor } from "@/lib/core/auth/roles";
import { secretBox } from "@/lib/core/crypto/secret-box";
import { silentLogger, type CoreContext } from "@/lib/core/context";

const MIGRATIONS = path.resolve(__dirname, "../prisma/migrations");

// A throwaway SQLite file with the real migrations applied, for tests of DB-backed verbs.
export async function createTestDb(): Promise<{ db: PrismaClient; file: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-test-"));
  const file = path.join(dir, "test.db");
  const raw = new Database(file);
  for (const m of fs.readdirSync(MIGRATIONS).filter((d) => /^\d+_/.test(d)).sort()) {
    raw.exec(fs.readFileSync(path.join(MIGRATIONS, m, "migration.sql"), "utf8"));
  }
  raw.close();
  const db = new PrismaClient({ adapter: new VirtshieldSqlite({ url: `file:${file}` }) });
  return {
    db,
    file,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testContext(db: PrismaClient, actor: Actor = SYSTEM_ACTOR, now = () => new Date()): CoreContext {
  return { db, actor, now, secrets: secretBox(crypto.randomBytes(32)), log: silentLogger };
}
