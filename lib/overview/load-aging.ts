import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { AGING_BUCKETS, type AgingRow, type OverviewRange } from "./overview-range";

// Literal statuses (code constants), so the planner can match invoice_sets_clinic_open_balance_idx.
const OPEN = sql.raw(OPEN_INVOICE_SET_STATUSES.map((status) => `'${status}'`).join(", "));
const DAY_MS = 86_400_000;

/**
 * A bucket limit (a set started exactly then is in the older bucket) and the UTC day it falls
 * on: the day's stored sets count in the bucket of its longer part, and its shorter part,
 * read live, moves to the other one.
 */
function boundary(clinicId: string, limit: Date, newer: number) {
  const dayStart = Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), limit.getUTCDate());
  const late = limit.getTime() - dayStart >= DAY_MS / 2;
  const [stored, live] = late ? [newer + 1, newer] : [newer, newer + 1];
  const part = late
    ? sql`created_at > ${limit.toISOString()}::timestamptz and created_at < ${new Date(dayStart + DAY_MS).toISOString()}::timestamptz`
    : sql`created_at >= ${new Date(dayStart).toISOString()}::timestamptz and created_at <= ${limit.toISOString()}::timestamptz`;
  return {
    day: sql`${new Date(dayStart).toISOString().slice(0, 10)}::date`,
    stored: sql`${stored}::int`,
    // One index range over at most half a day of the clinic's open sets.
    moved: sql`
      select v.bucket, v.sets, v.cents from (
        select count(*) as n, coalesce(sum(amount_outstanding_cents), 0) as c from invoice_sets
        where clinic_id = ${clinicId} and status in (${OPEN}) and amount_outstanding_cents > 0 and ${part}) p
      cross join lateral (values (${live}::int, p.n, p.c), (${stored}::int, -p.n, -p.c)) v (bucket, sets, cents)`,
  };
}

/**
 * Open balances by age of the set (whole days since it started), as of `now`: a set is in
 * 0–30 when it started less than 31 days before `now`, in 31–60 less than 61, … By UTC day
 * from the rollup (overview_aging_days and the changes not yet folded into it), corrected
 * live on the three days a bucket limit falls on. Exact: the rollup changes in the same
 * transactions as the sets, so one statement sees both as of the same moment.
 */
export async function loadAging(db: Executor, range: OverviewRange): Promise<AgingRow[]> {
  const [b0, b1, b2] = [31, 61, 91].map((days, i) =>
    boundary(range.clinicId, new Date(range.now.getTime() - days * DAY_MS), i),
  );
  if (!b0 || !b1 || !b2) throw new Error("three bucket limits");
  const rows = await executeRows<{ bucket: number; sets: number | string; cents: number | string }>(
    db,
    sql`
      select bucket, sum(sets) as sets, sum(cents) as cents from (
        select case when day > ${b0.day} then 0 when day = ${b0.day} then ${b0.stored}
                    when day > ${b1.day} then 1 when day = ${b1.day} then ${b1.stored}
                    when day > ${b2.day} then 2 when day = ${b2.day} then ${b2.stored} else 3 end as bucket,
               sets, cents
        from (select day, sets, cents from overview_aging_days where clinic_id = ${range.clinicId}
              union all
              select day, sets, cents from overview_aging_changes where clinic_id = ${range.clinicId}) stored
        union all ${b0.moved}
        union all ${b1.moved}
        union all ${b2.moved}
      ) buckets
      group by bucket`,
  );
  return AGING_BUCKETS.map((bucket, i) => {
    const row = rows.find((r) => Number(r.bucket) === i);
    return { bucket, sets: Number(row?.sets ?? 0), cents: Number(row?.cents ?? 0) };
  });
}
