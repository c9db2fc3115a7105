import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/testing/test-db";
import { parseCsv } from "@/lib/core/inventory/csv";
import { EXPIRY_BANDS } from "./certificate-enums";
import { listCertificates, type CertificateView } from "./certificate-rows";
import { exportCertificatesCsv, pageCertificates } from "./certificate-page";
import { certificateStats } from "./certificate-stats";

const DAY = 86_400_000;
const now = new Date(Date.UTC(2026, 5, 1, 12));
let t: Awaited<ReturnType<typeof createTestDb>>;

// 24 hosts with a server and a client certificate each, expiring from 20 days ago to ~a year out
// (every band, distinct instants); a few revoked, a few superseded, one host deleted; the CA in ten years.
beforeAll(async () => {
  t = await createTestDb();
  const cluster = await t.db.cluster.create({ data: { name: "c" } });
  await t.db.certificateAuthority.create({
    data: { mode: "generated", subject: "CN=Test CA", serial: "ca01", fingerprint: "SHA256:ca", certificatePem: "ca-pem", notBefore: now, notAfter: new Date(now.getTime() + 3650 * DAY) },
  });
  for (let i = 0; i < 24; i++) {
    const name = `hv${String(i).padStart(2, "0")}`;
    const host = i === 23 ? null : await t.db.host.create({ data: { name, address: `10.0.0.${i}`, clusterId: cluster.id } });
    for (const [k, kind] of (["server", "client"] as const).entries()) {
      const n = i * 2 + k;
      await t.db.certificate.create({
        data: {
          hostId: host?.id ?? null, hostName: i === 23 ? "gone-host" : name, kind, source: i % 5 === 4 ? "scanned" : "issued",
          serial: `s${n}`, fingerprintSha256: `f${n}`, subject: `CN=${name}`, issuer: "CN=Test CA", notBefore: now,
          notAfter: new Date(now.getTime() + (n * 8 - 20) * DAY + n * 60_000), certificatePem: "pem",
          current: n % 11 !== 6, revokedAt: n % 13 === 5 ? now : null,
        },
      });
    }
  }
  // Right at the band edges: expired a millisecond ago, expiring now, 7 days less a millisecond, 7 days, 30 days.
  const hv00 = await t.db.host.findUniqueOrThrow({ where: { name: "hv00" } });
  for (const [i, ms] of [-1, 0, 7 * DAY - 1, 7 * DAY, 30 * DAY].entries()) {
    await t.db.certificate.create({
      data: {
        hostId: hv00.id, hostName: "hv00", kind: "ca", source: "scanned", path: `/etc/pki/edge-${i}.pem`, serial: `e${i}`, fingerprintSha256: `fe${i}`,
        subject: "CN=edge", issuer: "CN=edge", notBefore: now, notAfter: new Date(now.getTime() + ms), certificatePem: "pem",
      },
    });
  }
});
afterAll(() => t.cleanup());

async function walk(query: object, limit: number): Promise<CertificateView[]> {
  const all: CertificateView[] = [];
  for (let page = 1; ; page++) {
    const p = await pageCertificates(t.db, now, { ...query, page: String(page), limit: String(limit) });
    all.push(...p.items);
    if (p.items.length < limit) return all;
  }
}
const ids = (list: CertificateView[]) => list.map((c) => `${c.kind}:${c.id}`);

describe("pageCertificates", () => {
  it("pages the CA and the rows in expiry order, the same list whatever the page size", async () => {
    const oracle = await listCertificates(t.db, now);
    const first = await pageCertificates(t.db, now, {});
    expect(first).toMatchObject({ total: oracle.length, page: 1, pageSize: 50 });
    for (const limit of [1, 7, 50]) expect(ids(await walk({}, limit))).toEqual(ids(oracle));
    expect(ids(await walk({ dir: "desc" }, 7))).toEqual(ids([...oracle].reverse()));
    // The CA expires last: the last row ascending, the first descending.
    expect((await pageCertificates(t.db, now, { dir: "desc", limit: "1" })).items[0].kind).toBe("ca");
    expect(await pageCertificates(t.db, now, { page: "99" })).toMatchObject({ items: [], total: oracle.length });
  });

  it.each([
    { band: "expired" }, { band: "critical" }, { band: "warning" }, { band: "ok" }, { kind: "ca" }, { kind: "server" }, { source: "scanned" },
    { host: "hv1" }, { q: "HV0" }, { q: "gone" }, { history: "true" }, { history: "true", band: "expired", kind: "client" },
  ])("filters %j in the database exactly as the in-memory list did", async (filter) => {
    const oracle = await listCertificates(t.db, now, {
      band: filter.band as never, kind: filter.kind as never, source: filter.source as never,
      hostText: filter.host ?? filter.q, includeHistory: filter.history === "true",
    });
    expect(oracle.length).toBeGreaterThan(0);
    expect(ids(await walk(filter, 5))).toEqual(ids(oracle));
    expect((await pageCertificates(t.db, now, filter)).total).toBe(oracle.length);
  });

  it("sorts by host and by kind, the CA first ascending, with every row once", async () => {
    const total = (await pageCertificates(t.db, now, {})).total;
    for (const [sort, key] of [["host", (c: CertificateView) => c.hostName ?? ""], ["kind", (c: CertificateView) => c.kind]] as const) {
      const asc = await walk({ sort }, 6);
      expect(new Set(ids(asc)).size).toBe(total);
      expect(asc[0].kind).toBe("ca");
      const desc = await walk({ sort, dir: "desc" }, 6);
      expect(new Set(ids(desc)).size).toBe(total);
      const keys = desc.filter((c) => c.hostId || sort === "kind").map(key);
      expect(keys).toEqual([...keys].sort().reverse());
    }
    expect((await walk({ sort: "host", dir: "desc" }, 6)).at(-1)?.kind).toBe("ca");
  });

  it("answers nothing for a search with LIKE wildcards, and VALIDATION for bad parameters", async () => {
    expect((await pageCertificates(t.db, now, { q: "hv_1" })).total).toBe(0);
    for (const bad of [{ band: "soon" }, { kind: "root" }, { sort: "serial" }, { limit: "0" }, { page: "a" }, { history: "yes" }, { hostId: "../x" }]) {
      await expect(pageCertificates(t.db, now, bad)).rejects.toMatchObject({ code: "VALIDATION" });
    }
  });
});

describe("certificate export and summary", () => {
  it("exports every matching row as CSV, in list order", async () => {
    const collect = async (q: object) => {
      let text = "";
      for await (const chunk of exportCertificatesCsv(t.db, now, q)) text += chunk;
      return parseCsv(text);
    };
    const all = await collect({});
    expect(all).toHaveLength((await pageCertificates(t.db, now, {})).total + 1);
    expect(all[0].fields[0]).toBe("host");
    const ok = await collect({ band: "ok", sort: "host" });
    expect(ok.slice(1).every((r) => r.fields[11] === "ok")).toBe(true);
    expect(() => exportCertificatesCsv(t.db, now, { band: "nope" })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("counts what is in force per band and by expiry month", async () => {
    const live = (await listCertificates(t.db, now)).filter((c) => c.current && !c.revokedAt);
    const stats = await certificateStats(t.db, now);
    expect(stats.live).toBe(live.length);
    for (const b of EXPIRY_BANDS) expect(stats.bands[b]).toBe(live.filter((c) => c.band === b).length);
    expect(stats.timeline.reduce((n, m) => n + m.expired + m.critical + m.warning + m.ok, 0)).toBe(live.length);
    expect(stats.timeline.at(-1)).toMatchObject({ label: "later", ok: 1 }); // the CA, in ten years
    expect(stats.revoked).toBe((await listCertificates(t.db, now)).filter((c) => c.revokedAt).length);
  });
});
