import { and, asc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets } from "@/db/schema";

/** How late a planned send may be before the reconcile assumes its run was lost. */
export const STALL_GRACE_MS = 15 * 60_000;

/**
 * Active sets whose sequence should be running but may not be: no next send planned, or
 * one that is overdue. Keyset-paged by id so a million sets never load at once.
 */
export async function findStalledSets(db: Db, params: { now: Date; afterId?: string; limit: number }) {
  const overdue = new Date(params.now.getTime() - STALL_GRACE_MS);
  return db
    .select({
      id: invoiceSets.id,
      clinicId: invoiceSets.clinicId,
      cycle: invoiceSets.sequenceCycle,
      step: invoiceSets.sequenceStep,
    })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.status, "active"),
        or(isNull(invoiceSets.nextSendAt), lt(invoiceSets.nextSendAt, overdue)),
        params.afterId ? gt(invoiceSets.id, params.afterId) : undefined,
      ),
    )
    .orderBy(asc(invoiceSets.id))
    .limit(params.limit);
}

/** One id per (set, cycle, step): Inngest drops a repeat, so reconciling twice starts one run. */
export function activationEventId(set: { id: string; cycle: number; step: number }): string {
  return `activate-${set.id}-${set.cycle}-${set.step}`;
}
