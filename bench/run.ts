// `npm run bench`: every benchmark of issue 12, a table with the targets beside the figures, and
// bench/results/<date>.json. `--only <name>[,<name>]` picks figures, `--quick` is a smoke run
// (fewer hosts and rounds, written to quick-<date>.json), `--rounds N` sets the rounds of the
// interleaved comparisons (default 3), `--no-build` keeps a stale .next build.
// The lab comes up only when a lab figure is selected (bench/lib/lab-session.ts).
import os from "node:os";
import { parseArgs } from "node:util";
import { caFigure } from "./figures/ca";
import { dashboardFigure } from "./figures/dashboard";
import { matrixFigure, MATRIX_HOSTS } from "./figures/matrix";
import { migrationFigure } from "./figures/migration";
import { provisioningFigure } from "./figures/provisioning";
import type { Figure, FigureOptions } from "./figures/types";
import { withLab } from "./lib/lab-session";
import { ROOT } from "./lib/next-build";
import { formatTable, machine, tableRows, writeResults, type FigureResult } from "./lib/report";

// Figures whose feature is not in the product yet: listed so the table says so, never a number.
const notBuilt = (id: string, title: string, name: string, feature: string): Figure => ({
  name,
  id,
  title,
  needsLab: false,
  run: async () => ({ id, title, status: "not-built", note: `${feature} is not built yet`, measures: [] }),
});

export const FIGURES: Figure[] = [
  { name: "provisioning", id: "1-provisioning", title: "1 provisioning (lab)", needsLab: true, run: provisioningFigure },
  { name: "matrix", id: "2-matrix", title: "2 matrices (lab)", needsLab: true, run: matrixFigure },
  { name: "dashboard", id: "3-dashboard", title: "3 dashboard at scale", needsLab: false, run: dashboardFigure },
  { name: "ca", id: "4-ca", title: "4 CA", needsLab: false, run: caFigure },
  { name: "migration", id: "5-migration", title: "5 migration transport (lab)", needsLab: true, run: migrationFigure },
  notBuilt("6-rollout", "6 rollout in waves (lab)", "rollout", "rollout in waves"),
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, quick: { type: "boolean", default: false }, "no-build": { type: "boolean", default: false }, rounds: { type: "string" } } });
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) throw new Error("--rounds needs a whole number >= 1");
  const only = (values.only ?? []).flatMap((o) => o.split(",")).map((o) => o.trim()).filter(Boolean);
  const unknown = only.filter((o) => !FIGURES.some((f) => f.name === o));
  if (unknown.length) throw new Error(`unknown figure(s) ${unknown.join(", ")}; known: ${FIGURES.map((f) => f.name).join(", ")}`);
  const selected = only.length ? FIGURES.filter((f) => only.includes(f.name)) : FIGURES;
  const log = (s: string) => console.error(`bench: ${s}`);
  const opts: FigureOptions = { quick: values.quick, noBuild: values["no-build"], rounds, log };
  const m = machine();
  const loadBefore = os.loadavg();
  log(`${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}${opts.quick ? ", --quick" : ""}`);

  const results: FigureResult[] = [];
  const runOne = async (f: Figure) => {
    log(`figure ${f.name}`);
    try {
      results.push(await f.run(opts));
    } catch (e) {
      // A figure that fails is reported as failed; the others still run.
      const message = e instanceof Error ? e.message : String(e);
      log(`figure ${f.name} failed: ${message}`);
      results.push({ id: f.id, title: f.title, status: "failed", note: message.split("\n")[0].slice(0, 200), measures: [] });
    }
  };
  const lab = selected.filter((f) => f.needsLab);
  for (const f of selected.filter((f) => !f.needsLab)) await runOne(f);
  if (lab.length) {
    try {
      await withLab(MATRIX_HOSTS, log, async () => {
        for (const f of lab) await runOne(f);
      });
    } catch (e) {
      // The lab did not come up (or go down): the lab figures not yet reported failed with it.
      for (const f of lab.filter((f) => !results.some((r) => r.id === f.id))) {
        results.push({ id: f.id, title: f.title, status: "failed", note: e instanceof Error ? e.message.split("\n")[0] : String(e), measures: [] });
      }
    }
  }
  results.sort((a, b) => a.id.localeCompare(b.id));
  console.log(formatTable(tableRows(results)));
  const file = writeResults(ROOT, results, { quick: opts.quick, loadBefore });
  console.log(`\nresults: ${file}`);
  if (results.some((r) => r.status === "failed")) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
