import { inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db } from "@/db/connect";
import { type OutreachJob, outreachEngineState } from "@/db/schema";
import type { SequenceDeps } from "@/inngest/functions/deps";
import { paymentPlanPassBody } from "@/inngest/functions/payment-plans";
import { type ReconcileSteps, reconcileSequences } from "@/inngest/functions/reconcile-sequences";
import { resumeDueInvoiceSets } from "@/lib/invoice-sets/resume-due-invoice-sets";
import { settleAllOverviews } from "@/lib/overview/settle-all-overviews";
import type { Transports } from "@/lib/providers/transport";
import { errorMessageForLog } from "@/lib/security/redact-errors";
import { flagPastDueInvoices } from "@/lib/state-machine/flag-past-due-invoices";
import { dueJobs, enqueueEvents, nextRunAt, pruneFinishedJobs, type saveJob, saveJobs } from "./job-store";
import { LOCAL_BODIES, type LocalContext } from "./local-functions";
import { localSteps, Reschedule } from "./local-steps";
import { Gate, StepBatches } from "./step-batches";
import { FUNCTION_IDS, type FunctionId } from "./triggers";

/** A failing run is tried again after 10 s, 20 s, 40 s … and given up after this many tries (Inngest: 4 retries). */
const MAX_ATTEMPTS = 5;
/** Runs a group takes at once (its batches' size at most). */
const BATCH = 500;
/** Groups of runs at once with more than one connection: one computes while the other's statements run. */
const GROUPS = 2;
/** Runs per pass at most, so a backlog can't hold the scheduler forever (the next pass goes on). */
const MAX_RUNS_PER_PASS = 2_000;

/**
 * The periodic work Inngest runs by cron: past-due flags and payment plans hourly, the
 * reconcile and the rollups every 10 minutes, paused sets every 15, pruning daily.
 */
export const CRONS = [
  { key: "cron:flag-past-due", everyMs: 3_600_000 },
  { key: "cron:reconcile", everyMs: 10 * 60_000 },
  { key: "cron:prune", everyMs: 86_400_000 },
  { key: "cron:resume-paused", everyMs: 15 * 60_000 },
  { key: "cron:payment-plans", everyMs: 3_600_000 },
  { key: "cron:settle-overviews", everyMs: 10 * 60_000 },
] as const;

export interface DueWorkOptions {
  /** The clock: a fixed Date in tests (no timers), the wall clock in the scheduler. */
  now: Date | (() => Date);
  transports: () => Transports;
  /** Stripe for autopay and "Charge Card"; null when online payment is not configured. */
  stripe: () => Stripe | null;
  sendsPerMinute: number;
  /**
   * Runs doing their own database work at once (default 1); every due run goes side by side
   * and their plans, sends and saves are batched (StepBatches), in two groups above 1 (each
   * group's batch holds a connection too). Each holds at most one connection at a time, so
   * keep it below the pool size, less two; PGlite has one session and must stay at 1.
   */
  concurrentRuns?: number;
}

/**
 * One pass of the local engine: the crons that are due, then every run whose time has
 * come (including runs those runs start), oldest first. Returns how many runs it took
 * and when the next waiting one is due, so the caller sleeps until then.
 */
export async function runDueWork(db: Db, options: DueWorkOptions): Promise<{ ran: number; nextAt: Date | null }> {
  const clock = typeof options.now === "function" ? options.now : () => options.now as Date;
  const deps: SequenceDeps = { db: async () => db, transports: options.transports, now: clock, stripe: options.stripe };
  const context: LocalContext = {
    db,
    deps,
    sendsPerMinute: options.sendsPerMinute,
    budgets: new Map(),
    // Each group of runs gets its own (runSideBySide).
    batches: new StepBatches(),
    gate: new Gate(options.concurrentRuns ?? 1),
  };

  await runDueCrons(context, clock());
  let ran = 0;
  // One session (PGlite) runs one group: its batches and runs never overlap.
  const groups = (options.concurrentRuns ?? 1) > 1 ? GROUPS : 1;
  while (ran < MAX_RUNS_PER_PASS) {
    const jobs = await dueJobs(db, clock(), BATCH * groups);
    if (jobs.length === 0) break;
    await runSideBySide(context, jobs, clock, groups);
    ran += jobs.length;
  }
  return { ran, nextAt: await nextRunAt(db) };
}

/**
 * Runs a batch side by side, their steps batched, in `groups` groups whose batches go on
 * independently (while one group's statements run, the other's runs do their own work).
 * Runs for the same set go one after the other in their order, in one group (Inngest's
 * per-set concurrency of 1), never side by side.
 */
async function runSideBySide(context: LocalContext, jobs: OutreachJob[], clock: () => Date, groups: number) {
  const lanes = new Map<string, OutreachJob[]>();
  for (const job of jobs) {
    const key = typeof job.data.invoiceSetId === "string" ? job.data.invoiceSetId : job.id;
    const lane = lanes.get(key);
    if (lane) lane.push(job);
    else lanes.set(key, [job]);
  }
  // The budgets and the gate are shared: the clinic's cap holds across groups.
  const contexts = Array.from({ length: groups }, () => ({ ...context, batches: new StepBatches() }));
  // Every lane ends before the pass does (a failure included), so no run is taken twice.
  const settled = await Promise.allSettled(
    [...lanes.values()].map((lane, i) => {
      const group = contexts[i % groups] as LocalContext;
      return group.batches.track(async () => {
        for (const job of lane) await runJob(group, job, clock);
      });
    }),
  );
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
}

async function runJob(context: LocalContext, job: OutreachJob, clock: () => Date) {
  const body = LOCAL_BODIES[job.functionId as FunctionId];
  if (!body) {
    await saveRun(context, job.id, { finishedAt: clock(), outcome: "unknown function" });
    return;
  }
  const memo = { ...job.memo };
  try {
    const result = await body(job.data, localSteps(context.db, { id: job.id, memo }, clock, context.gate), context);
    await saveRun(context, job.id, { memo, finishedAt: clock(), outcome: summarize(result) });
  } catch (error) {
    if (error instanceof Reschedule) {
      await saveRun(context, job.id, { memo, runAt: error.at });
      return;
    }
    const attempts = job.attempts + 1;
    // Kept in the job row and the log: never a failed query's parameters.
    const message = errorMessageForLog(error);
    console.warn(`Outreach run ${job.functionId} ${job.id} failed (try ${attempts}): ${message}`);
    await saveRun(
      context,
      job.id,
      attempts >= MAX_ATTEMPTS
        ? { memo, attempts, lastError: message, finishedAt: clock(), outcome: "gave up" }
        : { memo, attempts, lastError: message, runAt: new Date(clock().getTime() + 10_000 * 2 ** (attempts - 1)) },
    );
  }
}

/** A run's row as it stops, saved with the others' in one batch; lost in a crash, the run runs again (see localSteps). */
function saveRun(context: LocalContext, id: string, changes: Parameters<typeof saveJob>[2]) {
  return context.batches.add(
    "save",
    async (saves: { id: string; changes: Parameters<typeof saveJob>[2] }[]) => {
      await bookkeepingTransaction(context.db, (tx) => saveJobs(tx, saves));
      return saves.map(() => null);
    },
    { id, changes },
  );
}

async function runDueCrons(context: LocalContext, now: Date) {
  // One read for all of them: a burst of commits wakes a pass each, and most find no cron due.
  const rows = await context.db
    .select()
    .from(outreachEngineState)
    .where(
      inArray(
        outreachEngineState.key,
        CRONS.map((cron) => cron.key),
      ),
    );
  const lastRun = new Map(rows.map((row) => [row.key, row.value.at]));
  for (const cron of CRONS) {
    const at = lastRun.get(cron.key);
    const last = typeof at === "string" ? Date.parse(at) : 0;
    if (now.getTime() - last < cron.everyMs) continue;
    await context.db
      .insert(outreachEngineState)
      .values({ key: cron.key, value: { at: now.toISOString() } })
      .onConflictDoUpdate({
        target: outreachEngineState.key,
        set: { value: { at: now.toISOString() }, updatedAt: now },
      });
    if (cron.key === "cron:flag-past-due") await flagPastDueInvoices(context.db, now);
    if (cron.key === "cron:prune") await pruneFinishedJobs(context.db, now);
    if (cron.key === "cron:resume-paused") await resumeDueInvoiceSets(context.db, now);
    if (cron.key === "cron:payment-plans")
      await paymentPlanPassBody(context.db, now, {
        stripe: context.deps.stripe(),
        transports: context.deps.transports(),
        sendsPerMinute: context.sendsPerMinute,
      });
    if (cron.key === "cron:reconcile") await reconcileLocally(context);
    if (cron.key === "cron:settle-overviews") await settleAllOverviews(context.db, now);
  }
}

/** The reconcile body with local steps: a set with no live run and a due next action gets one. */
async function reconcileLocally(context: LocalContext) {
  const steps: ReconcileSteps = {
    run: (_id, fn) => fn(),
    sendEvent: (_id, events) => enqueueEvents(context.db, events, context.deps.now()),
  };
  return reconcileSequences(steps, context.deps, { graceMs: 0, skipLiveRuns: FUNCTION_IDS.sequence });
}

function summarize(result: unknown): string {
  return JSON.stringify(result ?? null).slice(0, 500);
}
