import type { Metadata } from "next";
import {
  AgingChart,
  FunnelChart,
  StepResultsChart,
  WeeklyCollectionsChart,
} from "@/components/overview/overview-charts";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { loadAging } from "@/lib/overview/load-aging";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { overviewRange } from "@/lib/overview/overview-range";
import { settleOverview } from "@/lib/overview/settle-overview";

export const metadata: Metadata = { title: "Overview" };

/** How collection is going for the clinic over a period: aging, funnel, results per rule set and step, trend. */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const staff = await requireStaff("read");
  const params = await searchParams;
  const range = overviewRange(
    { from: params.from, to: params.to },
    { clinicId: staff.clinicId, timeZone: staff.clinicTimeZone },
    new Date(),
  );
  const { db } = await getDb();
  // Stores what happened since the last view (up to an hour ago): the charts read it from the rollups.
  await settleOverview(db, { clinicId: staff.clinicId, timeZone: staff.clinicTimeZone }, range.now);
  const [aging, funnel, results, weeks] = await Promise.all([
    loadAging(db, range),
    loadFunnel(db, range),
    loadResults(db, range),
    loadWeeklyCollections(db, range),
  ]);
  return (
    <>
      <PageHeader title="Overview">
        <form method="get" aria-label="Period" className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="overview-from">From</Label>
            <Input id="overview-from" name="from" type="date" defaultValue={range.fromDay} className="h-9 w-40" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="overview-to">To</Label>
            <Input id="overview-to" name="to" type="date" defaultValue={range.toDay} className="h-9 w-40" />
          </div>
          <Button type="submit" size="sm" className="h-9">
            Show period
          </Button>
        </form>
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        Balances are as of today; the funnel, results and trend cover {range.fromDay} to {range.toDay}, each event
        counted on the day it happened: messages sent (and of those, confirmed delivered within the hour); a set's first
        link open, first identity confirmation and payment, for each channel that had messaged it before; per rule set,
        the sets started and paid, and per step, the sets it reached and the paid sets for which it was the last message
        before payment (collection rate: paid ÷ sets); the trend, money by the day it was received.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <AgingChart rows={aging} />
        <FunnelChart rows={funnel} />
        <StepResultsChart rows={results} />
        <WeeklyCollectionsChart rows={weeks} />
      </div>
    </>
  );
}
