import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { AGING_BUCKETS, type AgingBucket, type AgingRow, type OverviewRange } from "./overview-range";

const OPEN = sql.join(
  OPEN_INVOICE_SET_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/** Open balances by age of the set (days since it started), as of `now`. */
export async function loadAging(db: Executor, range: OverviewRange): Promise<AgingRow[]> {
  const rows = await executeRows<{ bucket: AgingBucket; sets: number | string; cents: number | string }>(
    db,
    sql`
      select case when age <= 30 then '0–30' when age <= 60 then '31–60' when age <= 90 then '61–90' else '90+' end as bucket,
             count(*) as sets, coalesce(sum(amount), 0) as cents
      from (
        select floor(extract(epoch from (${range.now.toISOString()}::timestamptz - created_at)) / 86400) as age,
               amount_outstanding_cents as amount
        from invoice_sets
        where clinic_id = ${range.clinicId} and status in (${OPEN}) and amount_outstanding_cents > 0
      ) aged
      group by 1`,
  );
  return AGING_BUCKETS.map((bucket) => {
    const row = rows.find((r) => r.bucket === bucket);
    return { bucket, sets: Number(row?.sets ?? 0), cents: Number(row?.cents ?? 0) };
  });
}
