import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { countMetricCards, type MetricCardCounts } from "@/lib/invoice-sets/count-metric-cards";
import { encodeCursor } from "@/lib/invoice-sets/keyset-cursor";
import { countInvoiceSets, listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { type BenchClinic, cappedCountSql, floorCountSql, floorPageSql, type Mix, rowBeforePageSql } from "./mixes";
import { type MeasureOptions, measureInterleaved, round, type Timing } from "./stats";

export interface MixResult {
  name: string;
  params: Mix["params"];
  cursor: string | null;
  /** Sets matching the filters (the page's total). */
  matched: number;
  rowsOnPage: number;
  /** The data layer's page and the floor's returned the same ids in the same order. */
  rowsMatch: boolean;
  /** listInvoiceSets: the page's rows and its total, as the page calls it. */
  dataLayer: Timing;
  /** The bare page SELECT alone (same rows, no count). */
  floor: Timing;
  /** The same output as the data layer in bare SQL: the page SELECT and the capped count, side by side. */
  floorWithCount: Timing;
  /** The count over the same WHERE alone (part of the data layer's time). */
  count: Timing;
  /** The same count capped at COUNT_CAP + 1 rows, as listInvoiceSets counts. */
  cappedCount: Timing;
  /** dataLayer.p95 / floorWithCount.p95: like for like. */
  ratio: number;
  /** dataLayer.p95 / floor.p95: against the rows-only query. */
  rowsOnlyRatio: number;
  floorSql: string;
  countSql: string;
}

export interface CardsResult {
  counts: MetricCardCounts;
  timing: Timing;
}

/** Page N of a keyset-paged list: the cursor made from the row that ends page N-1. */
async function cursorForPage(
  db: Executor,
  clinic: BenchClinic,
  mix: Mix,
): Promise<{ cursor: string | null; seek?: { value: string; id: string } }> {
  if (!mix.page || mix.page <= 1) return { cursor: null };
  const [row] = await executeRows<{ value: string; id: string }>(db, rowBeforePageSql(clinic, mix.params, mix.page));
  if (!row) return { cursor: null };
  const sort = mix.params.sort ?? "created";
  const value = sort === "amount" ? Number(row.value) : row.value;
  return {
    cursor: encodeCursor({ direction: "after", sort, value, id: row.id }),
    seek: { value: row.value, id: row.id },
  };
}

export async function runPageMixes(
  db: Executor,
  clinic: BenchClinic,
  mixes: Mix[],
  /**
   * `ratioIterations`: runs of the data layer and the floors (their p95 ratio), after a tenth as
   * many unmeasured (at least `warmup`); `iterations` and `warmup`: of the counts.
   */
  options: MeasureOptions & { ratioIterations: number },
  log: (line: string) => void,
): Promise<MixResult[]> {
  const results: MixResult[] = [];
  for (const mix of mixes) {
    const { cursor, seek } = await cursorForPage(db, clinic, mix);
    const params = { ...mix.params, cursor };
    const floorSql = floorPageSql(clinic, mix.params, seek);
    const countSql = floorCountSql(clinic, mix.params);
    const cappedSql = cappedCountSql(clinic, mix.params);
    const page = await listInvoiceSets(db, clinic, params);
    const matched = await countInvoiceSets(db, clinic, mix.params);
    const floorRows = await executeRows<{ id: string }>(db, floorSql);
    const size = mix.params.size ?? 25;
    const rowsMatch =
      page.rows.map((row) => row.id).join() ===
      floorRows
        .slice(0, size)
        .map((row) => row.id)
        .join();

    const timings = {
      ...(await measureInterleaved(
        {
          dataLayer: () => listInvoiceSets(db, clinic, params),
          floor: () => executeRows(db, floorSql),
          floorWithCount: () => Promise.all([executeRows(db, floorSql), executeRows(db, cappedSql)]),
        },
        { warmup: ratioWarmup(options), iterations: options.ratioIterations },
      )),
      // The exact count is slow on big mixes (the reason for the cap): it keeps the bench's run count.
      ...(await measureInterleaved(
        {
          count: () => countInvoiceSets(db, clinic, mix.params),
          cappedCount: () => executeRows(db, cappedSql),
        },
        options,
      )),
    };
    const result: MixResult = {
      name: mix.name,
      params: mix.params,
      cursor,
      matched,
      rowsOnPage: page.rows.length,
      rowsMatch,
      dataLayer: timings.dataLayer,
      floor: timings.floor,
      floorWithCount: timings.floorWithCount,
      count: timings.count,
      cappedCount: timings.cappedCount,
      ratio: round(timings.dataLayer.p95 / Math.max(timings.floorWithCount.p95, 0.01)),
      rowsOnlyRatio: round(timings.dataLayer.p95 / Math.max(timings.floor.p95, 0.01)),
      floorSql,
      countSql,
    };
    log(
      `  ${mix.name.padEnd(28)} data p95 ${String(result.dataLayer.p95).padStart(8)} ms   floor p95 ${String(result.floor.p95).padStart(8)} ms   ${result.matched.toLocaleString("en-US")} matched`,
    );
    results.push(result);
  }
  return results;
}

/**
 * Unmeasured runs before the ratio's: the JIT is still settling on the data layer's code for
 * the first hundreds of runs. In a fresh process, the first 200 runs of one mix put its p95 at
 * 2.2× the floor's; the next rounds of 1,000 runs of the same mix, 1.09–1.18×.
 */
export function ratioWarmup(options: MeasureOptions & { ratioIterations: number }): number {
  return Math.max(options.warmup, Math.ceil(options.ratioIterations / 10));
}

export async function runCards(db: Executor, clinicId: string, options: MeasureOptions): Promise<CardsResult> {
  const counts = await countMetricCards(db, clinicId);
  const timings = await measureInterleaved({ cards: () => countMetricCards(db, clinicId) }, options);
  return { counts, timing: timings.cards };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement, as text lines. */
export async function explain(db: Executor, statement: string): Promise<string> {
  const rows = await executeRows<{ "QUERY PLAN": string }>(db, `EXPLAIN (ANALYZE, BUFFERS) ${statement}`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}
