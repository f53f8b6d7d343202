import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { AGING_BUCKETS, type AgingRow, type OverviewRange } from "./overview-range";

// Literal statuses (code constants), so the planner can match invoice_sets_clinic_open_balance_idx.
const OPEN = sql.raw(OPEN_INVOICE_SET_STATUSES.map((status) => `'${status}'`).join(", "));
const DAY_MS = 86_400_000;

/**
 * Open balances by age of the set (whole days since it started), as of `now`: one
 * index-only pass, a set is in 0–30 when it started less than 31 days before `now`, …
 */
export async function loadAging(db: Executor, range: OverviewRange): Promise<AgingRow[]> {
  const since = (days: number) => new Date(range.now.getTime() - days * DAY_MS).toISOString();
  const [row] = await executeRows<Record<`s${0 | 1 | 2 | 3}` | `c${0 | 1 | 2 | 3}`, number | string | null>>(
    db,
    sql`
      select count(*) filter (where created_at > ${since(31)}::timestamptz) as s0,
             sum(amount_outstanding_cents) filter (where created_at > ${since(31)}::timestamptz) as c0,
             count(*) filter (where created_at <= ${since(31)}::timestamptz and created_at > ${since(61)}::timestamptz) as s1,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(31)}::timestamptz and created_at > ${since(61)}::timestamptz) as c1,
             count(*) filter (where created_at <= ${since(61)}::timestamptz and created_at > ${since(91)}::timestamptz) as s2,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(61)}::timestamptz and created_at > ${since(91)}::timestamptz) as c2,
             count(*) filter (where created_at <= ${since(91)}::timestamptz) as s3,
             sum(amount_outstanding_cents) filter (where created_at <= ${since(91)}::timestamptz) as c3
      from invoice_sets
      where clinic_id = ${range.clinicId} and status in (${OPEN}) and amount_outstanding_cents > 0`,
  );
  return AGING_BUCKETS.map((bucket, i) => ({
    bucket,
    sets: Number(row?.[`s${i as 0 | 1 | 2 | 3}`] ?? 0),
    cents: Number(row?.[`c${i as 0 | 1 | 2 | 3}`] ?? 0),
  }));
}
