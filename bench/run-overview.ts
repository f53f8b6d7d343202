import type { Executor } from "@/db/connect";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { type OverviewRange, overviewRange } from "@/lib/overview/overview-range";
import { settleOverview } from "@/lib/overview/settle-overview";
import { type MeasureOptions, measureInterleaved, type Timing } from "./stats";

export type OverviewResult = Record<"aging" | "funnel" | "results" | "weekly", Timing>;

/**
 * The Overview's default period (the 90 days up to the clinic's last set), after the settle
 * the page does before it reads (on a database from before the generator settled its "now"
 * itself, the first one stores that last, heavy instant).
 */
export async function settledOverviewRange(
  db: Executor,
  clinic: { clinicId: string; timeZone: string; lastDay: string },
): Promise<OverviewRange> {
  await settleOverview(db, clinic, new Date());
  return overviewRange({ to: clinic.lastDay }, clinic, new Date(`${clinic.lastDay}T23:00:00Z`));
}

/** The Overview's four queries over that period. */
export async function runOverview(
  db: Executor,
  clinic: { clinicId: string; timeZone: string; lastDay: string },
  options: MeasureOptions,
): Promise<OverviewResult> {
  const range = await settledOverviewRange(db, clinic);
  return measureInterleaved(
    {
      aging: () => loadAging(db, range),
      funnel: () => loadFunnel(db, range),
      results: () => loadResults(db, range),
      weekly: () => loadWeeklyCollections(db, range),
    },
    options,
  );
}
