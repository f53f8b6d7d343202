import type { Executor } from "@/db/connect";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { overviewRange } from "@/lib/overview/overview-range";
import { type MeasureOptions, measureInterleaved, type Timing } from "./stats";

export type OverviewResult = Record<"aging" | "funnel" | "results" | "weekly", Timing>;

/** The Overview's four queries over the default period (the 90 days up to the clinic's last set). */
export async function runOverview(
  db: Executor,
  clinic: { clinicId: string; timeZone: string; lastDay: string },
  options: MeasureOptions,
): Promise<OverviewResult> {
  const range = overviewRange({ to: clinic.lastDay }, clinic, new Date(`${clinic.lastDay}T23:00:00Z`));
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
