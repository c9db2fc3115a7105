import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, MigrationError } from "./migrations";

const ROOT = path.resolve(__dirname, "..");
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

type Row = { migration_name: string; checksum: string; started_at: string; finished_at: string | null; logs: string | null; applied_steps_count: number };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-migrate-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name").all() as Row[];
  } finally {
    db.close();
  }
};

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};

// The Prisma CLI on the same file, as `npm run db:migrate` runs it.
const prisma = (file: string, ...args: string[]) =>
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

// A migrations folder of our own: the real first migration, then whatever a test adds.
function migrationsDir(extra: Record<string, string>): string {
  const d = path.join(dir, "migrations");
  const first = listMigrations(MIGRATIONS)[0];
  fs.cpSync(path.join(MIGRATIONS, first), path.join(d, first), { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(d, name));
    fs.writeFileSync(path.join(d, name, "migration.sql"), sql);
  }
  return d;
}

describe("applyMigrations", () => {
  it("applies every migration once, in order, recorded as Prisma records them", () => {
    const file = path.join(dir, "a.db");
    const now = new Date("2026-12-02T06:00:00.123Z");
    const names = listMigrations(MIGRATIONS);

    expect(applyMigrations(file, MIGRATIONS, () => now)).toEqual(names);

    expect(rows(file)).toEqual(
      names.map((name) =>
        expect.objectContaining({
          migration_name: name,
          checksum: crypto.createHash("sha256").update(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"))).digest("hex"),
          started_at: "2026-12-02T06:00:00.123+00:00",
          finished_at: "2026-12-02T06:00:00.123+00:00",
          logs: null,
          applied_steps_count: 1,
        }),
      ),
    );
    expect(tables(file)).toEqual(expect.arrayContaining(["User", "Host", "Certificate", "Job"]));
    expect(applyMigrations(file, MIGRATIONS)).toEqual([]);
    expect(rows(file)).toHaveLength(names.length);
  });

  it("applies only what is pending", () => {
    const file = path.join(dir, "a.db");
    const first = listMigrations(MIGRATIONS)[0];
    const d = migrationsDir({});
    expect(applyMigrations(file, d)).toEqual([first]);
    fs.mkdirSync(path.join(d, "99999999999999_later"));
    fs.writeFileSync(path.join(d, "99999999999999_later", "migration.sql"), 'CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);\n');

    expect(applyMigrations(file, d)).toEqual(["99999999999999_later"]);
    expect(tables(file)).toContain("Later");
  });

  it("records a failed migration and refuses to go on until a person resolves it, as Prisma does", () => {
    const file = path.join(dir, "a.db");
    const d = migrationsDir({
      "90000000000000_broken": 'CREATE TABLE "Broken" (;\n',
      "90000000000001_after": 'CREATE TABLE "After" ("id" TEXT PRIMARY KEY);\n',
    });

    expect(() => applyMigrations(file, d)).toThrow(/migration 90000000000000_broken failed: .*syntax error/);
    const broken = rows(file).find((r) => r.migration_name === "90000000000000_broken");
    expect(broken).toMatchObject({ finished_at: null, applied_steps_count: 0, logs: expect.stringMatching(/syntax error/) });

    expect(() => applyMigrations(file, d)).toThrow(MigrationError);
    expect(() => applyMigrations(file, d)).toThrow(/90000000000000_broken failed earlier .* prisma migrate resolve --rolled-back 90000000000000_broken/);
    expect(tables(file)).not.toContain("After");
  });

  it("agrees with the Prisma CLI both ways: prisma sees nothing pending after it, and it after prisma", () => {
    const ours = path.join(dir, "ours.db");
    applyMigrations(ours, MIGRATIONS);
    expect(prisma(ours, "migrate", "status")).toContain("Database schema is up to date!");

    const theirs = path.join(dir, "theirs.db");
    prisma(theirs, "migrate", "deploy");
    expect(rows(theirs)).toHaveLength(listMigrations(MIGRATIONS).length);
    expect(applyMigrations(theirs, MIGRATIONS)).toEqual([]);
  }, 60_000);
});
