import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// better-sqlite3 runs every statement on the event loop. In SQLite's default rollback-journal mode
// each commit waits for several fsyncs (~4 ms here), and for that time nothing else in the process
// moves: not the SSH sessions of the jobs, not the HTTP answers. A fleet job writes hundreds of
// progress events. WAL makes a commit one append, and lets readers (the CLI, another process) read
// while a job writes. synchronous=NORMAL is SQLite's recommended setting with WAL: a crash of the
// process loses nothing; a power cut may lose the last commits, never the database's integrity.
export const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

// The adapter every PrismaClient of the product uses (the server, the CLI, tests, benchmarks).
export class VirtshieldSqlite extends PrismaBetterSQLite3 {
  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}
