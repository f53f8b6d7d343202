import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type OverviewRange, type WeekRow, weeksBetween } from "./overview-range";

/**
 * Money received per week (Monday start, clinic time zone), every week of the period
 * listed. Each payment falls in the week whose Monday midnight (in the clinic's zone)
 * last passed before it: width_bucket over those instants, read from
 * payments_clinic_received_idx alone.
 */
export async function loadWeeklyCollections(db: Executor, range: OverviewRange): Promise<WeekRow[]> {
  const weeks = weeksBetween(range);
  const rows = await executeRows<{ week: number; cents: number | string }>(
    db,
    sql`
      with mondays as (
        select array_agg((day::date)::timestamp at time zone ${range.timeZone} order by day) as starts
        from unnest(${`{${weeks.join(",")}}`}::text[]) day
      )
      select width_bucket(p.received_at, (select starts from mondays)) as week, sum(p.amount_cents) as cents
      from payments p
      where p.clinic_id = ${range.clinicId} and p.received_at >= ${range.from.toISOString()}::timestamptz and p.received_at < ${range.to.toISOString()}::timestamptz
      group by 1`,
  );
  const byWeek = new Map(rows.map((row) => [Number(row.week), Number(row.cents)]));
  return weeks.map((week, i) => ({ week, cents: byWeek.get(i + 1) ?? 0 }));
}
