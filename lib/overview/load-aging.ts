import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { AGING_BUCKETS, type AgingRow, type OverviewRange } from "./overview-range";

// Literal statuses (code constants), so the planner can match invoice_sets_clinic_open_balance_idx.
const OPEN = sql.raw(OPEN_INVOICE_SET_STATUSES.map((status) => `'${status}'`).join(", "));
const DAY_MS = 86_400_000;

/**
 * Open balances by age of the set (whole days since it started), as of `now`: a set is in
 * 0–30 when it started less than 31 days before `now`, in 31–60 less than 61, … Whole UTC
 * days inside a bucket come from the day rollup (overview_aging_days and the changes not yet
 * folded into it); the three days a bucket boundary falls on are read live from their sets.
 */
export async function loadAging(db: Executor, range: OverviewRange): Promise<AgingRow[]> {
  const limits = [31, 61, 91].map((days) => new Date(range.now.getTime() - days * DAY_MS));
  const [d1, d2, d3] = limits.map((limit) => limit.toISOString().slice(0, 10));
  const [s1, s2, s3] = limits.map((limit) => limit.toISOString());
  // One index range per boundary day, so the live part never walks the clinic's other sets.
  const boundaryDays = limits.map((limit) => {
    const start = Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), limit.getUTCDate());
    return sql`
      select created_at, amount_outstanding_cents from invoice_sets
      where clinic_id = ${range.clinicId} and status in (${OPEN}) and amount_outstanding_cents > 0
        and created_at >= ${new Date(start).toISOString()}::timestamptz
        and created_at < ${new Date(start + DAY_MS).toISOString()}::timestamptz`;
  });
  const rows = await executeRows<{ bucket: number; sets: number | string; cents: number | string }>(
    db,
    sql`
      select bucket, sum(sets) as sets, sum(cents) as cents from (
        select case when day > ${d1}::date then 0 when day > ${d2}::date then 1 when day > ${d3}::date then 2 else 3 end as bucket,
               sets, cents
        from (select day, sets, cents from overview_aging_days where clinic_id = ${range.clinicId}
              union all
              select day, sets, cents from overview_aging_changes where clinic_id = ${range.clinicId}) stored
        where day not in (${d1}::date, ${d2}::date, ${d3}::date)
        union all
        select case when created_at > ${s1}::timestamptz then 0 when created_at > ${s2}::timestamptz then 1
                    when created_at > ${s3}::timestamptz then 2 else 3 end,
               1, amount_outstanding_cents
        from (${sql.join(boundaryDays, sql` union all `)}) live
      ) buckets
      group by bucket`,
  );
  return AGING_BUCKETS.map((bucket, i) => {
    const row = rows.find((r) => Number(r.bucket) === i);
    return { bucket, sets: Number(row?.sets ?? 0), cents: Number(row?.cents ?? 0) };
  });
}
