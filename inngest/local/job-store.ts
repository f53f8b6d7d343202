import { and, asc, eq, inArray, isNull, lt, lte, min, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { insertJsonRows } from "@/db/insert-json-rows";
import { type OutreachJob, outreachJobs } from "@/db/schema";
import type { AppEvent } from "@/inngest/events";
import { LOCAL_TRIGGERS } from "./triggers";

/** Finished runs are kept this long, so a repeated event id still starts nothing (Inngest keeps 24 h). */
const KEEP_FINISHED_MS = 2 * 86_400_000;

/**
 * Turns published events into runs of the functions they trigger, as Inngest would:
 * a cancelling event ends the matching waiting run, a singleton key replaces the waiting
 * run with a new one, and a repeated event id starts nothing. Called inside the
 * transaction that caused the events (lib/events/run-use-case.ts) or right after it.
 */
export async function enqueueEvents(db: Executor, events: readonly AppEvent[], now: Date): Promise<number> {
  if (!events.some(cancels) && LOCAL_TRIGGERS.every((fn) => distinctKeys(fn, events))) {
    let started = 0;
    for (let i = 0; i < events.length; i += CHUNK)
      started += await enqueueSetBased(db, events.slice(i, i + CHUNK), now);
    return started;
  }
  let started = 0;
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    for (const fn of LOCAL_TRIGGERS) {
      const cancelKey = fn.cancelOn?.event === event.name ? fn.cancelOn.key(data) : undefined;
      if (cancelKey) await finishLiveRuns(db, fn.id, cancelKey, "cancelled", now);
      if (fn.trigger !== event.name) continue;
      if (event.id && (await seenEvent(db, fn.id, event.id))) continue;
      const singletonKey = fn.singletonKey?.(data) ?? null;
      if (singletonKey) await finishLiveRuns(db, fn.id, singletonKey, "replaced", now);
      const inserted = await db
        .insert(outreachJobs)
        .values({ functionId: fn.id, singletonKey, eventId: event.id ?? null, data, runAt: now })
        .onConflictDoNothing()
        .returning({ id: outreachJobs.id });
      started += inserted.length;
    }
  }
  return started;
}

/** Whether an event ends runs: then order within the list matters and events go one by one. */
const cancels = (event: AppEvent) =>
  LOCAL_TRIGGERS.some(
    (fn) => fn.cancelOn?.event === event.name && fn.cancelOn.key(event.data as Record<string, unknown>),
  );

/** No two of the events start the same function with the same event id or singleton key. */
function distinctKeys(fn: (typeof LOCAL_TRIGGERS)[number], events: readonly AppEvent[]): boolean {
  const starting = events.filter((event) => event.name === fn.trigger);
  const ids = starting.flatMap((event) => (event.id ? [event.id] : []));
  const keys = starting.flatMap((event) => fn.singletonKey?.(event.data as Record<string, unknown>) ?? []);
  return new Set(ids).size === ids.length && new Set(keys).size === keys.length;
}

/** Events per set-based round: its statements stay well under Postgres's 65,535 parameters. */
const CHUNK = 2_000;

/**
 * The same outcome as one event at a time when no event cancels and no two share a key:
 * per function, one read of the event ids already seen, one update of the runs replaced
 * and one insert of many rows, instead of three statements per event.
 */
async function enqueueSetBased(db: Executor, events: readonly AppEvent[], now: Date): Promise<number> {
  let started = 0;
  for (const fn of LOCAL_TRIGGERS) {
    let starting = events.filter((event) => event.name === fn.trigger);
    const ids = starting.flatMap((event) => (event.id ? [event.id] : []));
    // Without a singleton key the insert's conflict on (function, event id) is the whole check;
    // with one, a repeated event must not replace the live run, so the ids are read first.
    if (ids.length > 0 && fn.singletonKey) {
      const seen = await db
        .select({ eventId: outreachJobs.eventId })
        .from(outreachJobs)
        .where(and(eq(outreachJobs.functionId, fn.id), inArray(outreachJobs.eventId, ids)));
      const seenIds = new Set(seen.map((row) => row.eventId));
      starting = starting.filter((event) => !event.id || !seenIds.has(event.id));
    }
    if (starting.length === 0) continue;
    const rows = starting.map((event) => {
      const data = event.data as Record<string, unknown>;
      return {
        functionId: fn.id,
        singletonKey: fn.singletonKey?.(data) ?? null,
        eventId: event.id ?? null,
        data,
        runAt: now,
      };
    });
    const keys = rows.flatMap((row) => (row.singletonKey ? [row.singletonKey] : []));
    if (keys.length > 0)
      await db
        .update(outreachJobs)
        .set({ finishedAt: now, outcome: "replaced" })
        .where(
          and(
            eq(outreachJobs.functionId, fn.id),
            inArray(outreachJobs.singletonKey, keys),
            isNull(outreachJobs.finishedAt),
          ),
        );
    const inserted = await insertJsonRows(db, outreachJobs, rows, { onConflictDoNothing: true, returning: sql`id` });
    started += inserted.length;
  }
  return started;
}

async function seenEvent(db: Executor, functionId: string, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: outreachJobs.id })
    .from(outreachJobs)
    .where(and(eq(outreachJobs.functionId, functionId), eq(outreachJobs.eventId, eventId)));
  return row !== undefined;
}

async function finishLiveRuns(db: Executor, functionId: string, key: string, outcome: string, now: Date) {
  await db
    .update(outreachJobs)
    .set({ finishedAt: now, outcome })
    .where(
      and(eq(outreachJobs.functionId, functionId), eq(outreachJobs.singletonKey, key), isNull(outreachJobs.finishedAt)),
    );
}

/** The runs due at `now`, oldest first. */
export async function dueJobs(db: Executor, now: Date, limit: number): Promise<OutreachJob[]> {
  return db
    .select()
    .from(outreachJobs)
    .where(and(isNull(outreachJobs.finishedAt), lte(outreachJobs.runAt, now)))
    .orderBy(asc(outreachJobs.runAt), asc(outreachJobs.id))
    .limit(limit);
}

/** When the next waiting run is due, or null when none waits. */
export async function nextRunAt(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(outreachJobs.runAt) })
    .from(outreachJobs)
    .where(isNull(outreachJobs.finishedAt));
  return row?.at ? new Date(row.at) : null;
}

/** Saves a run's progress; a run replaced or cancelled meanwhile stays finished. */
export async function saveJob(
  db: Executor,
  id: string,
  changes: Partial<Pick<OutreachJob, "memo" | "runAt" | "attempts" | "lastError" | "finishedAt" | "outcome">>,
) {
  await db
    .update(outreachJobs)
    .set(changes)
    .where(and(eq(outreachJobs.id, id), isNull(outreachJobs.finishedAt)));
}

type JobChanges = Parameters<typeof saveJob>[2];

/** saveJob for many runs in one statement (the local engine's batched saves). */
export async function saveJobs(db: Executor, saves: readonly { id: string; changes: JobChanges }[]) {
  if (saves.length === 0) return;
  const json = JSON.stringify(
    saves.map(({ id, changes }) => ({
      id,
      has_memo: changes.memo !== undefined,
      memo: changes.memo ?? null,
      has_run_at: changes.runAt !== undefined,
      run_at: changes.runAt?.toISOString() ?? null,
      has_attempts: changes.attempts !== undefined,
      attempts: changes.attempts ?? null,
      has_last_error: changes.lastError !== undefined,
      last_error: changes.lastError ?? null,
      has_finished_at: changes.finishedAt !== undefined,
      finished_at: changes.finishedAt?.toISOString() ?? null,
      has_outcome: changes.outcome !== undefined,
      outcome: changes.outcome ?? null,
    })),
  );
  await db.execute(sql`update outreach_jobs j set
      memo = case when v.has_memo then v.memo else j.memo end,
      run_at = case when v.has_run_at then v.run_at else j.run_at end,
      attempts = case when v.has_attempts then v.attempts else j.attempts end,
      last_error = case when v.has_last_error then v.last_error else j.last_error end,
      finished_at = case when v.has_finished_at then v.finished_at else j.finished_at end,
      outcome = case when v.has_outcome then v.outcome else j.outcome end
    from jsonb_to_recordset(${json}::jsonb) as v(id uuid, has_memo boolean, memo jsonb, has_run_at boolean, run_at timestamptz,
      has_attempts boolean, attempts int, has_last_error boolean, last_error text, has_finished_at boolean,
      finished_at timestamptz, has_outcome boolean, outcome text)
    where j.id = v.id and j.finished_at is null`);
}

/** Drops finished runs older than the dedupe window, in one statement. */
export async function pruneFinishedJobs(db: Executor, now: Date) {
  await db.delete(outreachJobs).where(lt(outreachJobs.finishedAt, new Date(now.getTime() - KEEP_FINISHED_MS)));
}
