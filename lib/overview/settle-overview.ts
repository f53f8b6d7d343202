import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { ClinicScope } from "@/lib/clinics/clinic-scope";

/**
 * Events are stored once they are an hour old: by then a message's delivery receipt is in
 * (providers answer within minutes), and nothing else about a past event changes. A receipt
 * arriving later than that is not counted as delivered.
 */
export const RECEIPT_WAIT_MS = 3_600_000;

/**
 * The mark moves in steps of at least this: the charts add what is after the mark live, so
 * a mark a few minutes older costs them little, and most views then settle nothing.
 */
const SETTLE_STEP_MS = 5 * 60_000;

/**
 * Appends to the rollups the events between the clinic's mark and `now - waitMs`, set-based,
 * and moves the mark there, folding the pending changes too (foldPendingChanges; `folded` says
 * whether it did). Idempotent, and one read while the mark is less than SETTLE_STEP_MS behind;
 * concurrent callers with work to do queue on the clinic's row. Called by the Overview page before it reads, the periodic
 * settle, the demo seed and (with no wait: its data is final) the scale generator.
 */
export async function settleOverview(
  db: Executor,
  clinic: ClinicScope,
  now: Date,
  waitMs = RECEIPT_WAIT_MS,
): Promise<{ folded: boolean }> {
  const { clinicId, timeZone } = clinic;
  const until = new Date(now.getTime() - waitMs).toISOString();
  const due = new Date(now.getTime() - waitMs - SETTLE_STEP_MS).toISOString();
  // Most views find nothing to do: one read, no transaction and no wait behind another
  // viewer's lock (the readers add what is not settled or folded yet, so skipping is exact).
  const [state] = await executeRows<{ behind: boolean }>(
    db,
    sql`select coalesce(s.settled_before < ${due}::timestamptz, true) as behind
        from (select 1) one left join overview_settled s on s.clinic_id = ${clinicId}`,
  );
  if (state && !state.behind) return { folded: false };
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into overview_settled (clinic_id, settled_before) values (${clinicId}, null) on conflict do nothing`,
    );
    const [mark] = await executeRows<{ since: string | null; behind: boolean }>(
      tx,
      sql`select settled_before::text as since, coalesce(settled_before < ${until}::timestamptz, true) as behind
          from overview_settled where clinic_id = ${clinicId} for update`,
    );
    await foldPendingChanges(tx, clinicId);
    if (!mark?.behind) return;
    const since = mark.since ?? "-infinity";
    await tx.execute(
      sql`insert into overview_funnel_days
          select ${clinicId}, f.* from overview_funnel_days(${clinicId}, ${timeZone}, ${since}::timestamptz, ${until}::timestamptz) f`,
    );
    await tx.execute(
      sql`insert into overview_result_days
          select ${clinicId}, r.* from overview_result_days(${clinicId}, ${timeZone}, ${since}::timestamptz, ${until}::timestamptz) r`,
    );
    await tx.execute(
      sql`insert into overview_collection_days
          select ${clinicId}, d.* from overview_collection_days(${clinicId}, ${timeZone}, ${since}::timestamptz, ${until}::timestamptz) d`,
    );
    await tx.execute(
      sql`update overview_settled set settled_before = ${until}::timestamptz where clinic_id = ${clinicId}`,
    );
  });
  return { folded: true };
}

/** Events (and recorded payments) from this instant on are not in the rollups yet. */
export async function settledBefore(db: Executor, clinicId: string): Promise<string> {
  const [row] = await executeRows<{ mark: string | null }>(
    db,
    sql`select settled_before::text as mark from overview_settled where clinic_id = ${clinicId}`,
  );
  return row?.mark ?? "-infinity";
}

/**
 * Moves the changes the triggers on invoice_sets appended (migrations 0019 and 0021) into the
 * aging days and the status counts, set-based. Safe beside another fold: each change row is
 * deleted, and so counted, once.
 */
export async function foldPendingChanges(db: Executor, clinicId: string) {
  await db.execute(
    sql`with moved as (delete from overview_aging_changes where clinic_id = ${clinicId} returning day, sets, cents)
        insert into overview_aging_days (clinic_id, day, sets, cents)
        select ${clinicId}, day, sum(sets), sum(cents) from moved group by day
        on conflict (clinic_id, day) do update
        set sets = overview_aging_days.sets + excluded.sets, cents = overview_aging_days.cents + excluded.cents`,
  );
  await db.execute(
    sql`with moved as (delete from invoice_set_status_changes where clinic_id = ${clinicId} returning status, sets)
        insert into invoice_set_status_counts (clinic_id, status, sets)
        select ${clinicId}, status, sum(sets) from moved group by status
        on conflict (clinic_id, status) do update set sets = invoice_set_status_counts.sets + excluded.sets`,
  );
}
