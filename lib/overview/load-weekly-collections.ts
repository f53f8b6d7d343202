import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type OverviewRange, type WeekRow, weeksBetween } from "./overview-range";
import { settledBefore } from "./settle-overview";

/**
 * Money received per week (Monday start, clinic time zone) over the period's days, every
 * week listed: the days' sums in overview_collection_days for payments recorded before the
 * clinic's mark, plus the payments recorded since (payments_clinic_created_idx).
 */
export async function loadWeeklyCollections(db: Executor, range: OverviewRange): Promise<WeekRow[]> {
  const mark = await settledBefore(db, range.clinicId);
  const rows = await executeRows<{ week: string; cents: number | string }>(
    db,
    sql`
      select date_trunc('week', day::timestamp)::date::text as week, sum(cents) as cents
      from (
        select day, cents from overview_collection_days
        where clinic_id = ${range.clinicId}
        union all
        select day, cents from overview_collection_days(${range.clinicId}, ${range.timeZone}, ${mark}::timestamptz, 'infinity')
      ) days
      where day >= ${range.fromDay}::date and day <= ${range.toDay}::date
      group by 1`,
  );
  const byWeek = new Map(rows.map((row) => [row.week, Number(row.cents)]));
  return weeksBetween(range).map((week) => ({ week, cents: byWeek.get(week) ?? 0 }));
}
