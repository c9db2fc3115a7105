import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { can } from "@/lib/core/auth/roles";
import { loadCheckHosts } from "@/lib/core/checks/check-hosts";
import { listPortMatrix, listTlsMatrix } from "@/lib/core/checks/matrix-store";
import { buildPortLayers, buildTlsLayer, summarizeLayer, type LayerKey, type MatrixLayer } from "@/lib/core/checks/matrix-view";
import type { Tone } from "@/lib/core/checks/explain-cell";
import { listClusters } from "@/lib/core/inventory/clusters";
import { requirePageActor } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ClusterFilter } from "@/components/cluster-filter";
import { StartJobForm } from "@/components/start-job-form";
import { formatAge, formatTime } from "@/components/format";
import { CELL, GLYPH, MatrixGrid, ProblemList, TONE_LABEL } from "./matrix-grid";
import { startPortChecksAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ports and TLS" };

const LAYERS: LayerKey[] = ["migration", "tls", "handshake", "ssh", "plain"];
// Past this many hosts the page draws one layer at a time, so it stays small.
const ALL_LAYERS_UP_TO = 12;

type Search = { cluster?: string; layer?: string };

function href(q: Search, patch: Search): string {
  const p = new URLSearchParams(Object.entries({ ...q, ...patch }).filter((e): e is [string, string] => Boolean(e[1])));
  const s = p.toString();
  return s ? `/ports?${s}` : "/ports";
}

function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-3 text-xs text-slate-600">
      {(Object.keys(CELL) as Tone[]).map((t) => (
        <li key={t} className="flex items-center gap-1"><span className={`inline-flex h-4 w-4 items-center justify-center rounded-sm ${CELL[t]}`}>{GLYPH[t]}</span>{TONE_LABEL[t]}</li>
      ))}
      <li>Refused on the migration range is fine: QEMU listens only while a migration runs. Hover a cell for its reason and fix; click a marked one for details.</li>
    </ul>
  );
}

function LayerCard({ layer, now }: { layer: MatrixLayer; now: Date }) {
  const s = summarizeLayer(layer);
  const age = s.newest ? `checked ${formatAge(s.oldest, now)}${s.oldest !== s.newest ? ` to ${formatAge(s.newest, now)}` : ""}` : "not checked yet";
  return (
    <Card title={layer.label} id={`layer-${layer.key}`} description={<>{s.bad} blocking, {s.warn} to note, {s.error} not probed, {s.ok} fine, {s.none} not checked · <span title={formatTime(s.newest)}>{age}</span></>}>
      <MatrixGrid layer={layer} now={now} />
      <ProblemList layer={layer} now={now} />
    </Card>
  );
}

export default async function PortsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor("read");
  const q = await searchParams;
  const clusters = await listClusters(db());
  const clusterId = clusters.some((c) => c.id === q.cluster) ? q.cluster : undefined;
  const [hosts, ports, tls] = await Promise.all([loadCheckHosts(db(), { clusterId }), listPortMatrix(db(), { clusterId }), listTlsMatrix(db(), { clusterId })]);
  const now = new Date();
  const matrixHosts = hosts.map((h) => ({ id: h.id, name: h.name, clusterId: h.clusterId }));
  const all = [...buildPortLayers(matrixHosts, ports), buildTlsLayer(matrixHosts, tls)].sort((a, b) => LAYERS.indexOf(a.key) - LAYERS.indexOf(b.key));
  const asked = LAYERS.find((l) => l === q.layer);
  const chosen = asked ?? (hosts.length > ALL_LAYERS_UP_TO ? "migration" : undefined);
  const shown = chosen ? all.filter((l) => l.key === chosen) : all;
  const runner = can(actor.role, "jobs:run");
  return (
    <div className="space-y-5">
      <PageHeader title="Ports and TLS" description="From every host to every other host in its cluster: can a TLS live migration get through? Probed from each source over SSH, and 16514 from the dashboard itself." />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ClusterFilter clusters={clusters} current={clusterId} href={(id) => href({ layer: asked }, { cluster: id })} />
        <nav aria-label="Layer" className="flex flex-wrap gap-1.5 text-xs">
          {hosts.length <= ALL_LAYERS_UP_TO && <Link href={href({ cluster: clusterId }, {})} aria-current={!chosen ? "page" : undefined} className={clsx("rounded px-2 py-0.5", !chosen ? "bg-slate-200 font-medium" : "text-sky-700 hover:underline")}>All layers</Link>}
          {all.map((l) => <Link key={l.key} href={href({ cluster: clusterId }, { layer: l.key })} aria-current={chosen === l.key ? "page" : undefined} className={clsx("rounded px-2 py-0.5", chosen === l.key ? "bg-slate-200 font-medium" : "text-sky-700 hover:underline")}>{l.label}</Link>)}
        </nav>
      </div>
      {runner && (
        <Card title="Check now" description="Probes every ordered pair of hosts (in the chosen cluster) from the source over SSH: 22, 16514, 16509 and the migration range, then virsh over TLS.">
          <StartJobForm action={startPortChecksAction} label="Check now" fields={{ clusterId: clusterId ?? "" }} />
        </Card>
      )}
      <Legend />
      {hosts.length < 2 ? (
        <EmptyState title="Nothing to pair yet">A matrix needs at least two hosts{clusterId ? " in this cluster" : ""}.</EmptyState>
      ) : (
        shown.map((l) => <LayerCard key={l.key} layer={l} now={now} />)
      )}
    </div>
  );
}
