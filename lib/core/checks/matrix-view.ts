import { DASHBOARD_SOURCE, type PortMatrixEntry, type TlsMatrixEntry } from "./matrix-store";
import { explainPortCell, explainTlsCell, GROUP_LABEL, groupOf, oldest, PORT_GROUPS, rangeOf, type CellExplained, type PortGroup, type Probe } from "./explain-cell";

// The matrices as the page draws them: one layer per port group plus the TLS handshake, each a
// source x destination grid of explained cells. Pure, so the page only renders.

export interface MatrixHost {
  id: string;
  name: string;
  clusterId: string;
}

export interface ViewCell extends CellExplained {
  checkedAt: string | null;
  // The raw error of the worst probe behind the cell, as the host printed it.
  error: string | null;
  ports: string;
}

export type LayerKey = PortGroup | "handshake";

export interface MatrixLayer {
  key: LayerKey;
  label: string;
  sources: { id: string; name: string }[];
  dests: MatrixHost[];
  // cells[i][j]: sources[i] to dests[j]; null where there is no pair (itself, or another cluster).
  cells: (ViewCell | null)[][];
}

const pairKey = (s: string, d: string) => `${s}\u0000${d}`;

function paired(source: { id: string; clusterId?: string }, dest: MatrixHost, probed: boolean): boolean {
  if (source.id === dest.id) return false;
  // A migration never leaves its cluster, so cross-cluster pairs are only shown when someone checked them.
  return probed || source.id === DASHBOARD_SOURCE || source.clusterId === dest.clusterId;
}

function worstError(probes: readonly Probe[], explained: CellExplained): string | null {
  const p = probes.find((x) => x.state === explained.label) ?? probes.find((x) => x.error);
  return p?.error ?? null;
}

export function buildPortLayers(hosts: readonly MatrixHost[], entries: readonly PortMatrixEntry[]): MatrixLayer[] {
  const byPair = new Map<string, Record<PortGroup, Probe[]>>();
  for (const e of entries) {
    const k = pairKey(e.sourceId, e.destId);
    const groups = byPair.get(k) ?? { migration: [], tls: [], ssh: [], plain: [] };
    groups[groupOf(e.port)].push({ port: e.port, state: e.state, error: e.error, checkedAt: e.checkedAt });
    byPair.set(k, groups);
  }
  const dashboardProbed = entries.some((e) => e.sourceId === DASHBOARD_SOURCE);
  return PORT_GROUPS.map((group) => {
    const sources: (MatrixHost | { id: string; name: string; clusterId?: string })[] = group === "tls" && dashboardProbed ? [{ id: DASHBOARD_SOURCE, name: "dashboard" }, ...hosts] : [...hosts];
    const cells = sources.map((s) => hosts.map((d) => {
      const probes = byPair.get(pairKey(s.id, d.id))?.[group] ?? [];
      if (!paired(s, d, probes.length > 0)) return null;
      const explained = explainPortCell(group, probes, { source: s.name, dest: d.name });
      return { ...explained, checkedAt: oldest(probes), error: explained.tone === "ok" ? null : worstError(probes, explained), ports: group === "migration" ? rangeOf(probes) : group === "tls" ? "16514" : group === "ssh" ? "22" : "16509" };
    }));
    return { key: group, label: GROUP_LABEL[group], sources: sources.map(({ id, name }) => ({ id, name })), dests: [...hosts], cells };
  });
}

export function buildTlsLayer(hosts: readonly MatrixHost[], entries: readonly TlsMatrixEntry[]): MatrixLayer {
  const byPair = new Map(entries.map((e) => [pairKey(e.sourceId, e.destId), e]));
  const cells = hosts.map((s) => hosts.map((d) => {
    const e = byPair.get(pairKey(s.id, d.id));
    if (!paired(s, d, Boolean(e))) return null;
    const explained = explainTlsCell(e?.state ?? null, { source: s.name, dest: d.name, target: e?.target });
    return { ...explained, checkedAt: e?.checkedAt ?? null, error: e?.error ?? null, ports: "16514" };
  }));
  return { key: "handshake", label: "TLS handshake (virsh -c qemu+tls://)", sources: hosts.map(({ id, name }) => ({ id, name })), dests: [...hosts], cells };
}

export interface LayerSummary {
  ok: number;
  warn: number;
  bad: number;
  error: number;
  none: number;
  newest: string | null;
  oldest: string | null;
}

export function summarizeLayer(layer: MatrixLayer): LayerSummary {
  const out: LayerSummary = { ok: 0, warn: 0, bad: 0, error: 0, none: 0, newest: null, oldest: null };
  for (const row of layer.cells) {
    for (const c of row) {
      if (!c) continue;
      out[c.tone] += 1;
      if (c.checkedAt && (!out.newest || c.checkedAt > out.newest)) out.newest = c.checkedAt;
      if (c.checkedAt && (!out.oldest || c.checkedAt < out.oldest)) out.oldest = c.checkedAt;
    }
  }
  return out;
}
