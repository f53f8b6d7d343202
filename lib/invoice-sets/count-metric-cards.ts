import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";

export const ATTENTION_STATUSES = ["failed", "expired", "paused", "will_fail"] as const;
export type AttentionStatus = (typeof ATTENTION_STATUSES)[number];
export type AttentionCounts = Record<AttentionStatus, number>;

export interface MetricCardCounts {
  /** How many of the clinic's sets need attention, per status: the four cards. */
  attention: AttentionCounts;
  /** Paused sets that resume by themselves within the next 7 days ("Pause until"). */
  resumingSoon: number;
}

const RESUMING_SOON = "resuming_soon";

/**
 * The numbers of Invoice Management's metric cards, in one statement (one round trip on
 * every load of the page). The attention counts come from the clinic's status counts plus
 * the changes not yet folded into them (db/schema/status-counts.ts): a few dozen rows,
 * however many sets there are. Exact: the counts change in the same transactions as the
 * sets, so the statement sees both as of the same moment.
 */
export async function countMetricCards(db: Executor, clinicId: string, now = new Date()): Promise<MetricCardCounts> {
  const attention = sql.join(
    ATTENTION_STATUSES.map((status) => sql`${status}::invoice_set_status`),
    sql`, `,
  );
  const horizon = new Date(now.getTime() + 7 * 86_400_000);
  const rows = await executeRows<{ card: string; n: number | string }>(
    db,
    sql`select status::text as card, sum(sets) as n from (
          select status, sets from invoice_set_status_counts where clinic_id = ${clinicId} and status in (${attention})
          union all
          select status, sets from invoice_set_status_changes where clinic_id = ${clinicId} and status in (${attention})
        ) counted
        group by status
        union all
        select ${RESUMING_SOON}, count(*) from invoice_sets
        where status = 'paused' and resume_at is not null and resume_at <= ${horizon.toISOString()}::timestamptz
          and clinic_id = ${clinicId}`,
  );
  const counts: MetricCardCounts = { attention: { failed: 0, expired: 0, paused: 0, will_fail: 0 }, resumingSoon: 0 };
  for (const row of rows) {
    if (row.card === RESUMING_SOON) counts.resumingSoon = Number(row.n);
    else if (row.card in counts.attention) counts.attention[row.card as AttentionStatus] = Number(row.n);
  }
  return counts;
}
