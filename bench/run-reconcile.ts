import type { Db, Tx } from "@/db/connect";
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
  /** Active sets whose run each pass finds lost (their next send made a day overdue, rolled back). */
  lostRuns: number;
  /** Active sets whose next action is overdue by more than the grace (a full scan, not the index). */
  trulyStalled: number;
  /** Events one pass emitted (same in every run: each runs rolled back). */
  emitted: number;
  /** Every emitted set is overdue and the count is the full scan's. */
  onlyStalled: boolean;
  pass: Timing;
}

/** Of every this many Active sets with a next send (from the first), one has lost its run in each pass, as the generator makes them. */
const LOST_RUN_EVERY = 1_000;

/**
 * One reconcile pass of the Inngest function body (cursor read and saved, pages of 500)
 * at the data's "now", rolled back; events are collected instead of sent. Beside it, what
 * a full scan says is truly stalled, so the figure can be checked.
 *
 * Each pass first loses the runs of one Active set in 1,000 (their next send a day overdue),
 * in its own rolled-back transaction: the bench's server runs outreach as production does,
 * and its reconcile restarts the stalled sets the generator made, so without this a second
 * bench run would find none to check.
 */
export async function runReconcile(db: Db, clinicId: string, options: MeasureOptions): Promise<ReconcileResult> {
  const [anchor] = await executeRows<{ now: string }>(
    db,
    `SELECT (date_trunc('day', max(created_at) - interval '1 microsecond') + interval '1 day')::text AS now
     FROM invoice_sets WHERE clinic_id = '${clinicId}'`,
  );
  if (!anchor?.now) throw new Error("No invoice sets to reconcile.");
  const now = new Date(anchor.now);
  const lost = await executeRows<{ id: string }>(
    db,
    `SELECT id FROM (
       SELECT id, row_number() OVER (ORDER BY id) AS n FROM invoice_sets
       WHERE clinic_id = '${clinicId}' AND status = 'active' AND next_send_at IS NOT NULL) sampled
     WHERE n % ${LOST_RUN_EVERY} = 1`,
  );
  const loseRuns = (tx: Tx) =>
    executeRows(
      tx,
      `UPDATE invoice_sets SET next_send_at = '${anchor.now}'::timestamptz - interval '1 day', next_action_at = '${anchor.now}'::timestamptz - interval '1 day'
       WHERE id = ANY('{${lost.map((row) => row.id).join(",")}}'::uuid[])`,
    );
  const pass = async (tx: Tx) => {
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
    return { ms: performance.now() - started, ids };
  };

  // The check: the pass's events against a full scan of the same (rolled-back) state.
  const checked = await rolledBack(db, async (tx) => {
    await loseRuns(tx);
    const cutoff = `'${anchor.now}'::timestamptz - ${STALL_GRACE_MS} * interval '1 millisecond'`;
    const overdue = `coalesce(s.next_action_at, '-infinity') < ${cutoff}`;
    const [facts] = await executeRows<{ active: number; waiting: number; stalled: number }>(
      tx,
      `SELECT count(*) FILTER (WHERE s.status = 'active')::int AS active,
         count(*) FILTER (WHERE s.status = 'active' AND s.next_send_at IS NULL AND s.next_action_at IS NOT NULL)::int AS waiting,
         count(*) FILTER (WHERE s.status = 'active' AND ${overdue}
           AND (s.next_action_at IS NOT NULL OR s.updated_at < ${cutoff}))::int AS stalled
       FROM invoice_sets s`,
    );
    const { ids } = await pass(tx);
    const [check] = await executeRows<{ ok: boolean }>(
      tx,
      `SELECT coalesce(bool_and(s.status = 'active' AND ${overdue}), true) AS ok
       FROM invoice_sets s WHERE s.id = ANY('{${ids.join(",")}}'::uuid[])`,
    );
    return { facts, ids, ok: check?.ok === true };
  });
  if (!checked.facts) throw new Error("No invoice sets to reconcile.");

  const once = () =>
    rolledBack(db, async (tx) => {
      await loseRuns(tx);
      return (await pass(tx)).ms;
    });
  for (let i = 0; i < options.warmup; i += 1) await once();
  const runs: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) runs.push(await once());
  return {
    now: now.toISOString(),
    activeSets: checked.facts.active,
    waitingForExpiry: checked.facts.waiting,
    lostRuns: lost.length,
    trulyStalled: checked.facts.stalled,
    emitted: checked.ids.length,
    onlyStalled: checked.ok && checked.ids.length === checked.facts.stalled,
    pass: summarize(runs),
  };
}
