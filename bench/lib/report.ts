// The harness's output: one table with the targets beside the figures, and the same as JSON in
// bench/results/<date>.json, so a run compares with the last one committed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Summary } from "./stats";

export interface Target {
  text: string; // as the issue states it, e.g. "≤ 300 ms median"
  met: boolean;
}

export interface Measure {
  name: string;
  unit: string;
  summary?: Summary; // several runs: median, min, max, p95
  value?: number; // one derived number (a ratio, a rate from medians)
  detail?: string; // e.g. "14 queries, 96 KB"
  target?: Target;
}

export type FigureStatus = "measured" | "not-built" | "failed";

// When a figure was measured: a day's file mixes figures of several runs.
export interface FigureRun {
  at: string;
  commit: string;
  loadAverage: { before: number; after: number };
}

export interface FigureResult {
  run?: FigureRun;
  id: string;
  title: string;
  status: FigureStatus;
  note?: string;
  measures: Measure[];
  context?: Record<string, unknown>;
  /** A later run of the same day failed: the figure measured before is kept, with the reason. */
  laterFailure?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpuModel;
  } catch {
    // not Linux: os.cpus() is as good
  }
  return { cpus: os.availableParallelism(), cpuModel, memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version, platform: `${os.platform()} ${os.release()}` };
}

function gitCommit(root: string): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim();
    return dirty ? `${head} (+ uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}

const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export function tableRows(figures: FigureResult[]): string[][] {
  const rows: string[][] = [["figure", "measure", "median", "min", "max", "p95", "target", "met", "detail"]];
  for (const f of figures) {
    if (f.status !== "measured") {
      rows.push([f.title, f.status === "not-built" ? "not measured yet (feature not built)" : "FAILED", "", "", "", "", "", "", f.note ?? ""]);
      continue;
    }
    f.measures.forEach((m, i) => {
      const s = m.summary;
      const mid = s ? `${num(s.median)} ${m.unit}` : m.value !== undefined ? `${num(m.value)} ${m.unit}` : "";
      rows.push([i === 0 ? f.title : "", m.name, mid, s ? num(s.min) : "", s ? num(s.max) : "", s ? num(s.p95) : "", m.target?.text ?? "", m.target ? (m.target.met ? "yes" : "MISSED") : "", m.detail ?? ""]);
    });
  }
  return rows;
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export interface RunRecord {
  date: string;
  /** 1-minute load average at the start and end: others' work on a shared machine shows here. */
  loadAverage: { before: number; after: number };
  commit: string;
  quick: boolean;
  machine: Machine;
  figures: FigureResult[];
}

// Full runs go to <date>.json (committed); a run of some figures only replaces those figures in
// the day's file (a failure does not replace a measured figure). --quick runs are smoke tests and go to quick-<date>.json (ignored by git).
export function writeResults(root: string, figures: FigureResult[], opts: { quick: boolean; now?: Date; loadBefore?: number[] }): string {
  const now = opts.now ?? new Date();
  const date = now.toISOString().slice(0, 10);
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${opts.quick ? "quick-" : ""}${date}.json`);
  const previous: FigureResult[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as RunRecord).figures : [];
  const load = (l: number[]) => Math.round(l[0] * 100) / 100;
  const run: FigureRun = { at: now.toISOString(), commit: gitCommit(root), loadAverage: { before: load(opts.loadBefore ?? os.loadavg()), after: load(os.loadavg()) } };
  const merged = [
    ...previous.filter((p) => !figures.some((f) => f.id === p.id)),
    ...figures.map((f) => {
      const before = previous.find((p) => p.id === f.id);
      // A failed rerun does not wipe a figure measured earlier that day; it is noted beside it.
      return f.status === "failed" && before?.status === "measured" ? { ...before, laterFailure: `${now.toISOString()}: ${f.note ?? "failed"}` } : { ...f, run };
    }),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const record: RunRecord = { date: run.at, loadAverage: run.loadAverage, commit: run.commit, quick: opts.quick, machine: machine(), figures: merged };
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}
