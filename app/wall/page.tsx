import type { Metadata } from "next";
import { resolveShareLink } from "@/lib/core/auth/share-links";
import { fleetStatus, WALL_DAYS } from "@/lib/core/checks/fleet-status";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { recordRefusal } from "@/lib/server/refusal";
import { formatTime } from "@/components/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Wall screen", robots: { index: false, follow: false } };

const REFRESH_SECONDS = 30;

// A NOC screen, outside the dashboard's shell: any signed-in role, or a share link (?key=) that
// opens this page and nothing else (no cookie is set; the key is checked on every load). Server
// components and a meta refresh only, so it needs no script beyond Next's own under the CSP.
export default async function WallPage({ searchParams }: { searchParams: Promise<{ key?: string | string[] }> }) {
  const { key } = await searchParams;
  if (key !== undefined) {
    const link = typeof key === "string" ? await resolveShareLink(db(), key, new Date()) : null;
    if (!link) {
      await recordRefusal(null, "ui.wall", "unknown, expired or revoked share link");
      return <Refused />;
    }
  } else {
    await requirePageActor("read");
  }
  const now = new Date();
  const s = await fleetStatus(db(), now);
  const attention = s.readiness["at-risk"] + s.readiness.unreachable + s.findings.critical + s.blockedPairs + s.certificates.within7Days > 0;
  return (
    <main className="flex min-h-screen flex-col gap-8 bg-slate-950 p-10 text-slate-100">
      <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
      <header className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-4xl font-semibold tracking-tight">virtshield · fleet status</h1>
        <p role="status" className={`text-4xl font-bold ${attention ? "text-amber-400" : "text-emerald-400"}`}>{attention ? "Attention" : "All clear"}</p>
      </header>
      <section aria-label="Fleet status" className="grid flex-1 grid-cols-2 gap-6 lg:grid-cols-3">
        <Tile label="TLS-ready hosts" value={s.readiness.ready} of={s.hosts.length} good />
        <Tile label="Hosts at risk" value={s.readiness["at-risk"]} />
        <Tile label="Unreachable hosts" value={s.readiness.unreachable} />
        <Tile label="Critical findings" value={s.findings.critical} />
        <Tile label="Blocked pairs" value={s.blockedPairs} />
        <Tile label={`Certificates expiring within ${WALL_DAYS} days`} value={s.certificates.within7Days} />
      </section>
      <footer className="text-xl text-slate-400">Updated {formatTime(now.toISOString())} · refreshes every {REFRESH_SECONDS} s</footer>
    </main>
  );
}

function Tile({ label, value, of, good = false }: { label: string; value: number; of?: number; good?: boolean }) {
  const tone = good ? (of !== undefined && value < of ? "text-amber-400" : "text-emerald-400") : value > 0 ? "text-red-400" : "text-emerald-400";
  return (
    <div className="flex flex-col justify-between rounded-2xl bg-slate-900 p-8 ring-1 ring-slate-800">
      <div className="text-3xl font-medium text-slate-300">{label}</div>
      <div className={`text-9xl font-bold tabular-nums ${tone}`} aria-label={label}>
        {value}{of !== undefined && <span className="text-5xl text-slate-500"> / {of}</span>}
      </div>
    </div>
  );
}

function Refused() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-950 p-10 text-slate-100">
      <div role="alert" className="max-w-xl text-center">
        <h1 className="text-4xl font-semibold">This link does not open the wall screen</h1>
        <p className="mt-4 text-xl text-slate-400">It is unknown, has expired or was revoked. Ask an admin for a new one, or log in.</p>
      </div>
    </main>
  );
}
