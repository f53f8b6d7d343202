import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";

/**
 * Days before today (clinic time zone) are settled: their events have happened, so their
 * figures no longer change. The one exception, a delivery receipt arriving after its
 * message's day was settled, is not counted (receipts come within minutes).
 */
export const LIVE_DAYS = 1;

/**
 * Stores the rollups of every day between the last settled one and yesterday, set-based, and moves the mark. Idempotent and cheap when already settled
 * (one row read); concurrent callers queue on the clinic's row. Called by the Overview page
 * before it reads, by the seeds and the scale generator after they write.
 */
export async function settleOverview(db: Executor, clinic: { clinicId: string; timeZone: string }, now: Date) {
  const { clinicId, timeZone } = clinic;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into overview_settled (clinic_id, through_day) values (${clinicId}, null) on conflict do nothing`,
    );
    const [mark] = await executeRows<{ through: string | null; target: string; behind: boolean }>(
      tx,
      sql`select through_day::text as through, target::text as target, coalesce(through_day < target, true) as behind
          from overview_settled, (select (${now.toISOString()}::timestamptz at time zone ${timeZone})::date - ${LIVE_DAYS}::int as target) t
          where clinic_id = ${clinicId}
          for update of overview_settled`,
    );
    if (!mark?.behind) return;
    const from = mark.through
      ? sql`(${mark.through}::date + 1)::timestamp at time zone ${timeZone}`
      : sql`'-infinity'::timestamptz`;
    const to = sql`(${mark.target}::date + 1)::timestamp at time zone ${timeZone}`;
    const after = mark.through ? sql`and day > ${mark.through}::date` : sql``;
    await tx.execute(sql`delete from overview_funnel_days where clinic_id = ${clinicId} ${after}`);
    await tx.execute(sql`delete from overview_result_days where clinic_id = ${clinicId} ${after}`);
    await tx.execute(
      sql`insert into overview_funnel_days select ${clinicId}, f.* from overview_funnel_days(${clinicId}, ${timeZone}, ${from}, ${to}) f`,
    );
    await tx.execute(
      sql`insert into overview_result_days select ${clinicId}, r.* from overview_result_days(${clinicId}, ${timeZone}, ${from}, ${to}) r`,
    );
    await tx.execute(sql`update overview_settled set through_day = ${mark.target}::date where clinic_id = ${clinicId}`);
  });
}

/**
 * Where a period splits between stored and live figures: stored days run from `fromDay`
 * through `storedTo` (none when null), live events from `liveFrom` to the period's end.
 */
export async function splitPeriod(
  db: Executor,
  range: { clinicId: string; timeZone: string; from: Date; fromDay: string; toDay: string },
): Promise<{ storedTo: string | null; liveFrom: string }> {
  const [row] = await executeRows<{ stored_to: string | null; live_from: string }>(
    db,
    sql`select case when through_day >= ${range.fromDay}::date then least(through_day, ${range.toDay}::date)::text end as stored_to,
               greatest(${range.from.toISOString()}::timestamptz,
                        coalesce((through_day + 1)::timestamp at time zone ${range.timeZone}, '-infinity')) as live_from
        from (select (select through_day from overview_settled where clinic_id = ${range.clinicId}) as through_day) s`,
  );
  return {
    storedTo: row?.stored_to ?? null,
    liveFrom: row ? new Date(row.live_from).toISOString() : range.from.toISOString(),
  };
}
