/** Timings of one measured thing: every run in ms, and the summary the report prints. */
export interface Timing {
  runs: number[];
  p50: number;
  p95: number;
  mean: number;
}

export function summarize(runs: number[]): Timing {
  const sorted = [...runs].sort((a, b) => a - b);
  // Nearest-rank percentiles: with few runs p95 is the slowest run, never an interpolation.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(sorted.length, 1);
  return { runs: runs.map(round), p50: round(rank(0.5)), p95: round(rank(0.95)), mean: round(mean) };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function timeOnce<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export interface MeasureOptions {
  warmup: number;
  iterations: number;
}

/**
 * Runs each of `subjects` `warmup` times unmeasured, then `iterations` rounds in which every
 * subject runs once (interleaved, so they see the same cache and load).
 */
export async function measureInterleaved<K extends string>(
  subjects: Record<K, () => Promise<unknown>>,
  options: MeasureOptions,
): Promise<Record<K, Timing>> {
  const keys = Object.keys(subjects) as K[];
  for (let i = 0; i < options.warmup; i += 1) for (const key of keys) await subjects[key]();
  const runs = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < options.iterations; i += 1) {
    for (const key of keys) runs[key].push((await timeOnce(subjects[key])).ms);
  }
  return Object.fromEntries(keys.map((key) => [key, summarize(runs[key])])) as Record<K, Timing>;
}

/** Milliseconds as the report prints them. */
export const ms = (value: number) => value.toFixed(1);
/** A count with thousands separators. */
export const n = (value: number) => value.toLocaleString("en-US");
