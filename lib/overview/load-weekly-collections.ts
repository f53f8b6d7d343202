import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { type OverviewRange, type WeekRow, weeksBetween } from "./overview-range";

/** Money received per week (Monday start, clinic time zone), every week of the period listed. */
export async function loadWeeklyCollections(db: Executor, range: OverviewRange): Promise<WeekRow[]> {
  const rows = await executeRows<{ week: string; cents: number | string }>(
    db,
    sql`
      select to_char(date_trunc('week', received_at at time zone ${range.timeZone}), 'YYYY-MM-DD') as week,
             sum(amount_cents) as cents
      from payments
      where clinic_id = ${range.clinicId} and received_at >= ${range.from.toISOString()}::timestamptz and received_at < ${range.to.toISOString()}::timestamptz
      group by 1`,
  );
  const byWeek = new Map(rows.map((row) => [row.week, Number(row.cents)]));
  return weeksBetween(range).map((week) => ({ week, cents: byWeek.get(week) ?? 0 }));
}
