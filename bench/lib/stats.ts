// Order statistics for benchmark samples: every figure is a median with its spread, never one run.
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

// Nearest-rank percentile of an ascending array (p95 of 30 samples is the 29th).
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("percentile of no samples");
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) throw new Error("median of no samples");
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) throw new Error("summary of no samples");
  return { n: s.length, median: median(s), min: s[0], max: s[s.length - 1], p95: percentile(s, 95) };
}

// Runs each variant once per round, in turn, so drift on a shared machine hits them alike.
export async function interleave<K extends string>(rounds: number, variants: Record<K, () => Promise<number>>): Promise<Record<K, number[]>> {
  const keys = Object.keys(variants) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, so neither always runs on a warmer (or busier) machine.
    for (const k of r % 2 ? [...keys].reverse() : keys) out[k].push(await variants[k]());
  }
  return out;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
