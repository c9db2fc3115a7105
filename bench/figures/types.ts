import type { FigureResult } from "../lib/report";

export interface FigureOptions {
  quick: boolean;
  /** Use the existing .next build even if the sources changed since (states so in the JSON). */
  noBuild: boolean;
  /** Rounds of the interleaved comparisons (figures 1, 2, 4); default 3, 1 with --quick. */
  rounds?: number;
  log: (line: string) => void;
}

export interface Figure {
  name: string; // for --only
  id: string; // the key in the results JSON, e.g. "3-dashboard"
  title: string;
  needsLab: boolean;
  run: (opts: FigureOptions) => Promise<FigureResult>;
}
