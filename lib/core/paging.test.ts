import { describe, expect, it } from "vitest";
import { z } from "zod";
import { everyPage, lenientQuery, listQuery, pageHeaders, pageOf, pageRange, pageWindow, queryObject } from "./paging";

const Q = listQuery(["name", "age"], { kind: z.enum(["a", "b"]).optional() });

describe("list queries", () => {
  it("defaults to the first page of 50, coerces URL text and serves at most 500 rows", () => {
    expect(Q.parse({})).toEqual({ page: 1, limit: 50 });
    expect(Q.parse({ page: "3", limit: "20", sort: "age", dir: "desc", q: "  hv ", kind: "a" })).toEqual({ page: 3, limit: 20, sort: "age", dir: "desc", q: "hv", kind: "a" });
    expect(Q.parse({ limit: "100000" }).limit).toBe(500);
    expect(pageWindow({ page: 3, limit: 20 })).toEqual({ skip: 40, take: 20 });
  });

  it.each([{ page: "0" }, { page: "x" }, { page: "1.5" }, { limit: "0" }, { limit: "-1" }, { sort: "evil" }, { dir: "up" }, { kind: "c" }, { q: "x".repeat(101) }])(
    "refuses %j",
    (bad) => expect(Q.safeParse(bad).success).toBe(false),
  );

  it("reads URL parameters: the first of repeated keys, blanks dropped; pages drop only the bad values", () => {
    expect(queryObject(new URLSearchParams("q=&page=2&page=3&sort=age"))).toEqual({ page: "2", sort: "age" });
    expect(queryObject({ q: ["a", "b"], tag: undefined, kind: " " })).toEqual({ q: "a" });
    expect(lenientQuery(Q, { page: "0", sort: "age", kind: "zzz", q: "hv", other: "x" })).toEqual({ sort: "age", q: "hv" });
  });
});

describe("page results", () => {
  it("reports rows X-Y of Z and the neighbours as headers", () => {
    const p = pageOf(["a", "b"], 5, { page: 2, limit: 2 });
    expect(pageRange(p)).toEqual({ first: 3, last: 4, hasPrev: true, hasNext: true });
    const h = pageHeaders("http://internal:3000/api/v1/hosts?tag=x&page=2&limit=2", p);
    expect(h["X-Total-Count"]).toBe("5");
    expect(h.Link).toBe('</api/v1/hosts?tag=x&page=3&limit=2>; rel="next", </api/v1/hosts?tag=x&page=1&limit=2>; rel="prev"');
    expect(pageHeaders("http://h/api/v1/hosts", pageOf(["a"], 1, { page: 1, limit: 50 }))).toEqual({ "X-Total-Count": "1" });
    // Past the end, "prev" leads back to the last page that has rows.
    expect(pageHeaders("http://h/x?page=9", pageOf([], 5, { page: 9, limit: 2 })).Link).toBe('</x?page=3&limit=2>; rel="prev"');
  });

  it("walks every page for exports and stops after the last", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const asked: number[] = [];
    const batches: number[][] = [];
    for await (const b of everyPage(async (page) => (asked.push(page), pageOf(rows.slice((page - 1) * 3, page * 3), rows.length, { page, limit: 3 })))) batches.push(b);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(asked).toEqual([1, 2, 3]);
  });
});
