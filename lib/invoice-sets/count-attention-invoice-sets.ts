import { and, count, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets } from "@/db/schema";

export const ATTENTION_STATUSES = ["failed", "expired", "paused", "will_fail"] as const;
export type AttentionStatus = (typeof ATTENTION_STATUSES)[number];
export type AttentionCounts = Record<AttentionStatus, number>;

/**
 * The four metric cards: how many of the clinic's sets need attention, per status. From the
 * clinic's status counts plus the changes not yet folded into them (db/schema/status-counts.ts):
 * a few dozen rows, however many sets there are. Exact: the counts change in the same
 * transactions as the sets, so one statement sees both as of the same moment.
 */
export async function countAttentionInvoiceSets(db: Executor, clinicId: string): Promise<AttentionCounts> {
  const attention = sql.join(
    ATTENTION_STATUSES.map((status) => sql`${status}::invoice_set_status`),
    sql`, `,
  );
  const rows = await executeRows<{ status: AttentionStatus; n: number | string }>(
    db,
    sql`select status, sum(sets) as n from (
          select status, sets from invoice_set_status_counts where clinic_id = ${clinicId} and status in (${attention})
          union all
          select status, sets from invoice_set_status_changes where clinic_id = ${clinicId} and status in (${attention})
        ) counted
        group by status`,
  );
  const counts: AttentionCounts = { failed: 0, expired: 0, paused: 0, will_fail: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status] = Number(row.n);
  }
  return counts;
}

/** Paused sets of the clinic that resume by themselves within the next 7 days ("Pause until"). */
export async function countPausedResumingSoon(db: Executor, clinicId: string, now: Date = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + 7 * 86_400_000);
  const [row] = await db
    .select({ n: count() })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.status, "paused"),
        isNotNull(invoiceSets.resumeAt),
        lte(invoiceSets.resumeAt, horizon),
        eq(invoiceSets.clinicId, clinicId),
      ),
    );
  return Number(row?.n ?? 0);
}
