import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E } from "../fixtures/env";

// A fingerprint of the product's state in the test server's SQLite file, read directly, so a
// refused write can be shown to have changed nothing. Every table counts unless it is listed
// here as the bookkeeping of requests themselves; new tables are included by default.
const BOOKKEEPING = new Set([
  "AuditLog", // refusals are recorded by design; checked separately below
  "JobEvent", // progress of jobs started before this suite
  "JobLock",
  "LoginThrottle",
  "LoginChallenge",
  "_prisma_migrations",
  "sqlite_sequence",
]);
// Columns that change on every authenticated request.
const TOUCHED: Record<string, string[]> = { ApiToken: ["lastUsedAt"], Session: ["lastSeenAt"] };

export interface Snapshot {
  hash: string;
  /** Changes while jobs run in the background make a comparison inconclusive. */
  activity: string;
}

export class DbSnapshots {
  private readonly db: Database.Database;

  constructor(file = path.join(E2E.dir, "e2e.db")) {
    this.db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  }

  private tables(): string[] {
    const rows = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return rows.map((r) => r.name).filter((n) => !BOOKKEEPING.has(n));
  }

  private rowsOf(table: string): unknown[] {
    // Jobs change state on their own; what a refused write must not do is create one.
    if (table === "Job") return this.db.prepare(`SELECT id FROM "Job" WHERE createdBy IS NOT 'system' ORDER BY id`).all();
    const rows = this.db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[];
    const drop = TOUCHED[table] ?? [];
    return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  }

  take(): Snapshot {
    const h = crypto.createHash("sha256");
    for (const t of this.tables()) h.update(`${t}\n${JSON.stringify(this.rowsOf(t), (_k, v) => (typeof v === "bigint" ? String(v) : v))}\n`);
    // An accepted change is audited "ok"; a refusal may add "refused" rows only.
    const ok = this.db.prepare(`SELECT COUNT(*) AS n FROM "AuditLog" WHERE result = 'ok' AND actorType != 'system'`).get() as { n: number };
    h.update(`audit-ok ${ok.n}`);
    const events = this.db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM "JobEvent"`).get() as { m: number };
    const busy = this.db.prepare(`SELECT COUNT(*) AS n FROM "Job" WHERE state IN ('queued', 'running')`).get() as { n: number };
    return { hash: h.digest("hex"), activity: `${events.m}/${busy.n}` };
  }

  /** Waits (bounded) until no job is queued or running, so snapshots compare only our requests. */
  async quiet(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const busy = this.db.prepare(`SELECT COUNT(*) AS n FROM "Job" WHERE state IN ('queued', 'running')`).get() as { n: number };
      if (busy.n === 0) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  close(): void {
    this.db.close();
  }
}
