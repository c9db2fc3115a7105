// Figure 3: the dashboard at fleet scale. Seeds a throwaway database (bench/seed-dashboard.ts),
// serves it with the real production build, and times each page, interleaved round by round.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FULL_SEED, seedDashboard } from "../seed-dashboard";
import { ensureBuild } from "../lib/next-build";
import { startApp, type Sample } from "../lib/app-server";
import { summarize } from "../lib/stats";
import type { FigureResult, Measure } from "../lib/report";
import type { FigureOptions } from "./types";

const TARGET_MS = 300;
const TARGET_BYTES = 500 * 1024;
const SESSION_COOKIE = "vs_session"; // lib/server/auth.ts

export async function dashboardFigure(opts: FigureOptions): Promise<FigureResult> {
  const build = await ensureBuild({ allowStale: opts.noBuild, log: opts.log });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-bench-"));
  try {
    const seed = await seedDashboard(path.join(dir, "bench.db"), FULL_SEED);
    opts.log(`seeded ${seed.counts.hosts} hosts, ${seed.counts.certificates} certificates, ${seed.counts.jobs} jobs / ${seed.counts.jobEvents} events, ${seed.counts.auditRows} audit rows in ${seed.seconds.toFixed(1)} s`);
    const app = await startApp(dir, { VIRTSHIELD_ADMIN_NAME: seed.adminName, VIRTSHIELD_ADMIN_PASSWORD: seed.adminPassword });
    try {
      const cookie = { cookie: `${SESSION_COOKIE}=${seed.sessionToken}` };
      // `shows`: proof the page rendered the seeded fleet, not an empty state or an error page.
      const targets: { name: string; url: string; headers: Record<string, string>; shows: RegExp }[] = [
        { name: "overview /", url: "/", headers: cookie, shows: />1,?000</ },
        { name: "host list /hosts", url: "/hosts", headers: cookie, shows: /hv-0\d{3}/ },
        { name: "host page /hosts/[id]", url: `/hosts/${seed.sampleHostId}`, headers: cookie, shows: new RegExp(seed.sampleHostName) },
        { name: "expiry /certificates", url: "/certificates", headers: cookie, shows: /hv-\d{4}/ },
        { name: "jobs /jobs", url: "/jobs", headers: cookie, shows: /provision/ },
        { name: "audit /audit", url: "/audit", headers: cookie, shows: /host\.create|host\.update/ },
        { name: "GET /api/v1/certificates", url: "/api/v1/certificates", headers: { authorization: `Bearer ${seed.apiToken}` }, shows: /benchcert/ },
      ];
      const runs = opts.quick ? 5 : 30;
      const samples = new Map<string, Sample[]>(targets.map((t) => [t.url, []]));
      // Warm-up: the first request of each route loads its server chunks; not a user-visible figure.
      for (const t of targets) {
        const first = await app.get(t.url, t.headers);
        if (first.status !== 200) opts.log(`server output:\n${app.output().split("\n").slice(-30).join("\n")}`);
        checkOk(t.url, first);
        if (!t.shows.test(first.body)) throw new Error(`${t.url} does not show the seeded data (${t.shows})`);
      }
      for (let r = 0; r < runs; r++) {
        for (const t of targets) samples.get(t.url)!.push({ ...checkOk(t.url, await app.get(t.url, t.headers)), body: "" });
      }
      const measures: Measure[] = targets.map((t) => {
        const s = samples.get(t.url)!;
        const time = summarize(s.map((x) => x.ms));
        const bytes = Math.max(...s.map((x) => x.bytes));
        const q = s.map((x) => x.queries).filter((x): x is number => x !== null);
        const queries = q.length ? (Math.min(...q) === Math.max(...q) ? `${q[0]}` : `${Math.min(...q)}-${Math.max(...q)}`) : "?";
        return {
          name: t.name,
          unit: "ms",
          summary: time,
          detail: `${queries} SQL statements, ${(bytes / 1024).toFixed(0)} KB`,
          target: { text: `≤ ${TARGET_MS} ms median, ≤ 500 KB`, met: time.median <= TARGET_MS && bytes <= TARGET_BYTES },
        };
      });
      return {
        id: "3-dashboard",
        title: "3 dashboard at scale",
        status: "measured",
        measures,
        context: { requestsPerPage: runs, build, seed: seed.counts, seedSeconds: Number(seed.seconds.toFixed(1)), timing: "loopback request to last byte; pages interleaved round by round" },
      };
    } finally {
      await app.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function checkOk(url: string, s: Sample): Sample {
  // A redirect (to /login, /two-factor) would time the wrong page: stop rather than report it.
  if (s.status !== 200) throw new Error(`${url} answered ${s.status}, not 200`);
  return s;
}
