import type { MatrixLayer, ViewCell } from "@/lib/core/checks/matrix-view";
import type { Tone } from "@/lib/core/checks/explain-cell";
import { formatAge, formatTime } from "@/components/format";

// One layer of the matrix, rendered on the server: plain cells with a title (reason, fix, age)
// for hover, and a link to the cell's entry in the problem list below for click. No client
// component per cell, so 50 hosts stay a page of plain HTML.

// Only the colour per cell: size and text are set once on the table, so a cell is a few bytes.
export const CELL: Record<Tone, string> = {
  ok: "bg-emerald-400",
  warn: "bg-amber-300",
  bad: "bg-red-500 text-white",
  error: "bg-slate-400 text-white",
  none: "bg-slate-100 text-slate-400",
};
export const GLYPH: Record<Tone, string> = { ok: "✓", warn: "!", bad: "✕", error: "?", none: "·" };
export const TONE_LABEL: Record<Tone, string> = { ok: "fine", warn: "open door or partial", bad: "blocks migration", error: "could not probe", none: "not checked" };

const cellId = (layer: string, i: number, j: number) => `${layer}-${i}-${j}`;
const listed = (c: ViewCell | null): boolean => Boolean(c && (c.tone === "bad" || c.tone === "warn" || c.tone === "error"));

// A fine cell says what and how old in a few words (the layer names the ports); any other
// carries its reason and fix.
function title(c: ViewCell, source: string, dest: string, now: Date): string {
  if (c.tone === "ok") return `${source} → ${dest}: ${c.label}, ${c.checkedAt ? formatAge(c.checkedAt, now) : "never checked"}`;
  const head = `${source} → ${dest}${c.ports ? ` ${c.ports}` : ""}: ${c.label}`;
  if (!c.checkedAt) return head;
  const age = `checked ${formatAge(c.checkedAt, now)}`;
  if (c.tone === "none") return `${head}, ${age}`;
  return `${head}. ${c.explanation}.${c.fix ? ` Fix: ${c.fix}.` : ""} ${age}`;
}

export function MatrixGrid({ layer, now }: { layer: MatrixLayer; now: Date }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={`${layer.label} matrix`} className="border-separate border-spacing-0.5 text-xs text-slate-900 [&_td]:h-6 [&_td]:w-6 [&_td]:rounded-sm [&_td]:text-center">
        <thead>
          <tr>
            <th scope="col" className="px-1 text-left font-normal text-slate-500">source ↓ / dest →</th>
            {layer.dests.map((d) => <th key={d.id} scope="col" className="max-w-6 px-0.5 align-bottom font-medium text-slate-700 [writing-mode:vertical-rl] rotate-180">{d.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {layer.sources.map((s, i) => (
            <tr key={s.id}>
              <th scope="row" className="pr-2 text-right font-medium whitespace-nowrap text-slate-700">{s.name}</th>
              {layer.cells[i].map((c, j) => {
                if (!c) return <td key={j} className="bg-slate-50" />;
                const t = title(c, s.name, layer.dests[j].name, now);
                return (
                  <td key={j} className={CELL[c.tone]} title={t}>
                    {listed(c) ? <a href={`#${cellId(layer.key, i, j)}`} aria-label={t} className="block">{GLYPH[c.tone]}</a> : GLYPH[c.tone]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const MAX_LISTED = 200;

// The details panel of every cell that needs a look: what, why, the fix, the raw error, the age.
export function ProblemList({ layer, now }: { layer: MatrixLayer; now: Date }) {
  const items = layer.sources.flatMap((s, i) => layer.cells[i].map((c, j) => ({ c, i, j, s: s.name, d: layer.dests[j].name }))).filter((x): x is typeof x & { c: ViewCell } => x.c !== null && listed(x.c));
  if (items.length === 0) return null;
  const order: Tone[] = ["bad", "error", "warn"];
  items.sort((a, b) => order.indexOf(a.c.tone) - order.indexOf(b.c.tone));
  return (
    <details open className="mt-3 rounded-md border border-slate-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{items.length} cells to look at</summary>
      <ul aria-label={`${layer.label} problems`} className="divide-y divide-slate-100">
        {items.slice(0, MAX_LISTED).map(({ c, i, j, s, d }) => (
          <li key={cellId(layer.key, i, j)} id={cellId(layer.key, i, j)} className="px-3 py-2 text-sm target:bg-sky-50 target:ring-2 target:ring-sky-400">
            <div className="flex flex-wrap items-center gap-2">
              <span className={`inline-block h-3 w-3 rounded-sm ${CELL[c.tone]}`} aria-hidden />
              <span className="font-medium">{s} → {d}</span>
              <span className="font-mono text-xs text-slate-600">{c.ports}</span>
              <span>{c.label}</span>
              <span className="text-xs text-slate-500" title={formatTime(c.checkedAt)}>{c.checkedAt ? `checked ${formatAge(c.checkedAt, now)}` : "never checked"}</span>
            </div>
            <p className="mt-0.5 text-slate-700">{c.explanation}</p>
            {c.fix && <p className="mt-0.5 text-slate-900"><span className="font-medium">Fix:</span> {c.fix}</p>}
            {c.error && <p className="mt-0.5 font-mono text-xs break-all text-slate-500">{c.error}</p>}
          </li>
        ))}
      </ul>
      {items.length > MAX_LISTED && <p className="px-3 py-2 text-xs text-slate-500">{items.length - MAX_LISTED} more not listed; filter by cluster to see them.</p>}
    </details>
  );
}
