import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { AppEvent } from "@/inngest/events";
import { reconcileSequences } from "@/inngest/functions/reconcile-sequences";
import { STALL_GRACE_MS } from "@/lib/outreach/find-stalled-sets";
import { rolledBack } from "./rolled-back";
import { type MeasureOptions, summarize, type Timing } from "./stats";

export interface ReconcileResult {
  /** The data's "now" the pass ran at (the generator's anchor). */
  now: string;
  activeSets: number;
  /** Active sets waiting only for their expiry: never re-emitted. */
  waitingForExpiry: number;
  /** Active sets whose next action is overdue by more than the grace (a full scan, not the index). */
  trulyStalled: number;
  /** Events one pass emitted (same in every run: each runs rolled back). */
  emitted: number;
  /** Every emitted set is overdue and the count is the full scan's. */
  onlyStalled: boolean;
  pass: Timing;
}

/**
 * One reconcile pass of the Inngest function body (cursor read and saved, pages of 500)
 * at the data's "now", rolled back; events are collected instead of sent. Beside it, what
 * a full scan says is truly stalled, so the figure can be checked.
 */
export async function runReconcile(db: Db, clinicId: string, options: MeasureOptions): Promise<ReconcileResult> {
  const [facts] = await executeRows<{ now: string; active: number; waiting: number; stalled: number }>(
    db,
    `WITH anchor AS (
       SELECT date_trunc('day', max(created_at) - interval '1 microsecond') + interval '1 day' AS now
       FROM invoice_sets WHERE clinic_id = '${clinicId}')
     SELECT (SELECT now FROM anchor)::text AS now,
       count(*) FILTER (WHERE s.status = 'active')::int AS active,
       count(*) FILTER (WHERE s.status = 'active' AND s.next_send_at IS NULL AND s.next_action_at IS NOT NULL)::int AS waiting,
       count(*) FILTER (WHERE s.status = 'active'
         AND coalesce(s.next_action_at, '-infinity') < (SELECT now FROM anchor) - ${STALL_GRACE_MS} * interval '1 millisecond'
         AND (s.next_action_at IS NOT NULL OR s.updated_at < (SELECT now FROM anchor) - ${STALL_GRACE_MS} * interval '1 millisecond'))::int AS stalled
     FROM invoice_sets s`,
  );
  if (!facts) throw new Error("No invoice sets to reconcile.");
  const now = new Date(facts.now);
  let emittedIds: string[] = [];
  const once = () =>
    rolledBack(db, async (tx) => {
      const ids: string[] = [];
      const started = performance.now();
      await reconcileSequences(
        {
          run: (_id, fn) => fn(),
          sendEvent: async (_id, events: AppEvent[]) => {
            for (const event of events) ids.push(String((event.data as { invoiceSetId: string }).invoiceSetId));
          },
        },
        { db: async () => tx as unknown as Db, now: () => now },
      );
      const ms = performance.now() - started;
      emittedIds = ids;
      return ms;
    });
  for (let i = 0; i < options.warmup; i += 1) await once();
  const runs: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) runs.push(await once());
  const [check] = await executeRows<{ ok: boolean }>(
    db,
    `SELECT coalesce(bool_and(s.status = 'active' AND coalesce(s.next_action_at, '-infinity') < '${now.toISOString()}'::timestamptz), true) AS ok
     FROM invoice_sets s WHERE s.id = ANY('{${emittedIds.join(",")}}'::uuid[])`,
  );
  return {
    now: now.toISOString(),
    activeSets: facts.active,
    waitingForExpiry: facts.waiting,
    trulyStalled: facts.stalled,
    emitted: emittedIds.length,
    onlyStalled: check?.ok === true && emittedIds.length === facts.stalled,
    pass: summarize(runs),
  };
}
