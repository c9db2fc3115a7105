import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDb } from "@/testing/test-db";
import { countQueriesPerRequest, QUERY_COUNT_HEADER, QUERY_COUNT_LINE } from "@/lib/server/query-counter";

// The bench reads these counts to find N+1 queries; each request must see its own statements only.
describe("countQueriesPerRequest", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let db: PrismaClient;
  let server: http.Server;
  let base: string;
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    t = await createTestDb();
    db = new PrismaClient({ adapter: countQueriesPerRequest(new PrismaBetterSQLite3({ url: `file:${t.file}` })) });
    await db.setting.create({ data: { key: "a", value: "1" } });
    server = http.createServer(async (req, res) => {
      const n = Number(new URL(req.url ?? "/", "http://x").searchParams.get("n"));
      for (let i = 0; i < n; i++) await db.setting.findUnique({ where: { key: "a" } });
      if (req.url?.includes("tx")) await db.$transaction([db.setting.count(), db.setting.count()]);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      if (String(chunk).startsWith(QUERY_COUNT_LINE)) lines.push(String(chunk).trim());
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
  });

  afterAll(async () => {
    process.stdout.write = write;
    await new Promise((r) => server.close(r));
    await db.$disconnect();
    await t.cleanup();
  });

  it("puts each request's statements in its header and its finish line, concurrent requests apart", async () => {
    const [three, five] = await Promise.all([fetch(`${base}/?n=3`), fetch(`${base}/?n=5`)]);
    expect(three.headers.get(QUERY_COUNT_HEADER)).toBe("3");
    expect(five.headers.get(QUERY_COUNT_HEADER)).toBe("5");
    await Promise.all([three.text(), five.text()]);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toEqual(expect.arrayContaining([`${QUERY_COUNT_LINE} 3 GET /?n=3`, `${QUERY_COUNT_LINE} 5 GET /?n=5`]));
  });

  it("counts the statements of a transaction too", async () => {
    const res = await fetch(`${base}/tx?n=0`);
    // The two reads, plus whatever statements Prisma frames the transaction with.
    expect(Number(res.headers.get(QUERY_COUNT_HEADER))).toBeGreaterThanOrEqual(2);
  });
});
