import { and, count, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets } from "@/db/schema";

export const ATTENTION_STATUSES = ["failed", "expired", "paused", "will_fail"] as const;
export type AttentionStatus = (typeof ATTENTION_STATUSES)[number];
export type AttentionCounts = Record<AttentionStatus, number>;

/**
 * The four metric cards: how many of the clinic's sets need attention, per status. One
 * grouped count answered from the (clinic_id, status, created_at, id) index.
 */
export async function countAttentionInvoiceSets(db: Executor, clinicId: string): Promise<AttentionCounts> {
  const rows = await db
    .select({ status: invoiceSets.status, n: count() })
    .from(invoiceSets)
    .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.status, [...ATTENTION_STATUSES])))
    .groupBy(invoiceSets.status);
  const counts: AttentionCounts = { failed: 0, expired: 0, paused: 0, will_fail: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as AttentionStatus] = Number(row.n);
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
