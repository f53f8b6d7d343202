import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { outreachJobs } from "@/db/schema";

/** How late a set's next action may be before the reconcile assumes its run was lost. */
export const STALL_GRACE_MS = 15 * 60_000;

/** Where a reconcile pass stopped: the next pass goes on from here. */
export interface StallCursor {
  /** The set's next action time (ISO), or "-infinity" for one never planned. */
  at: string;
  id: string;
}

export interface StalledSet {
  id: string;
  clinicId: string;
  cycle: number;
  step: number;
  cursor: StallCursor;
}

/**
 * Active sets whose next action (planned send or expiry) is overdue by more than the
 * grace, or that were never planned since they last changed. A range scan of
 * invoice_sets_active_next_action_idx from the cursor: sets merely waiting for a future
 * send or expiry are never read. `skipLiveRuns` (local engine) leaves sets that have a run.
 */
export async function findStalledSets(
  db: Executor,
  params: { now: Date; graceMs?: number; after?: StallCursor | null; limit: number; skipLiveRuns?: string },
): Promise<StalledSet[]> {
  const overdue = new Date(params.now.getTime() - (params.graceMs ?? STALL_GRACE_MS)).toISOString();
  const actionAt = sql`coalesce(s.next_action_at, '-infinity'::timestamptz)`;
  const after = params.after
    ? sql`and (${actionAt}, s.id) > (${params.after.at}::timestamptz, ${params.after.id}::uuid)`
    : sql``;
  const live = params.skipLiveRuns
    ? sql`and not exists (select 1 from ${outreachJobs} j where j.function_id = ${params.skipLiveRuns}
        and j.singleton_key = s.id::text and j.finished_at is null)`
    : sql``;
  const rows = await executeRows<{
    id: string;
    clinic_id: string;
    sequence_cycle: number;
    sequence_step: number;
    action_at: string;
  }>(
    db,
    sql`
    select s.id, s.clinic_id, s.sequence_cycle, s.sequence_step,
      case when s.next_action_at is null then '-infinity' else to_char(s.next_action_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end as action_at
    from invoice_sets s
    where s.status = 'active' and ${actionAt} < ${overdue}::timestamptz
      and (s.next_action_at is not null or s.updated_at < ${overdue}::timestamptz)
      ${after} ${live}
    order by ${actionAt}, s.id
    limit ${params.limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    clinicId: row.clinic_id,
    cycle: Number(row.sequence_cycle),
    step: Number(row.sequence_step),
    cursor: { at: row.action_at, id: row.id },
  }));
}

/** One id per (set, cycle, step): a repeat is dropped, so reconciling twice starts one run. */
export function activationEventId(set: { id: string; cycle: number; step: number }): string {
  return `activate-${set.id}-${set.cycle}-${set.step}`;
}
