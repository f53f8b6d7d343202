import "server-only";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";
import { getStripe } from "@/lib/stripe/client";
import { runDueWork } from "./run-due-work";
import { ENGINE_WAKE_CHANNEL, markEngineHere, onLocalEngineWake, wakeLocalEngine } from "./wake";

/** pg_try_advisory_lock key of the local outreach engine ("outreach" in ASCII). */
const ENGINE_LOCK_KEY = 0x6f7574726561;
/** The longest the scheduler sleeps: crons and runs due later are checked at least this often. */
const MAX_IDLE_MS = 30_000;
/** Another process holds the engine: try again this often (it takes over if that one stops). */
const LOCK_RETRY_MS = 60_000;
const ERROR_PAUSE_MS = 10_000;
/** After the doorbell, how long the scheduler lets more commits come before its pass. */
const GATHER_MS = 250;

const state = globalThis as unknown as { clinicBillingEngineStarted?: boolean };

/**
 * Starts the in-process outreach engine (OUTREACH_ENGINE=local) from instrumentation.ts:
 * one loop that runs due work, then sleeps until the next run is due, a poll interval
 * passes, or a commit rings the doorbell (lib/events/publish-events.ts; from another
 * server process by NOTIFY). Only one process runs it: a Postgres advisory lock (PGlite is
 * single-process).
 */
export function startLocalEngine() {
  if (state.clinicBillingEngineStarted) return;
  state.clinicBillingEngineStarted = true;
  void loop();
}

async function loop() {
  const database = await getDb();
  while (!(await database.tryExclusiveLock(ENGINE_LOCK_KEY))) await pause(LOCK_RETRY_MS);
  markEngineHere();
  // Commits in the other server processes ring here through Postgres; without it, the poll finds their runs.
  await database.listen(ENGINE_WAKE_CHANNEL, wakeLocalEngine).catch((error: unknown) => {
    console.warn("Outreach engine: can't listen for other server processes' commits; polling instead.", error);
  });
  console.log("Outreach engine: local (in-process). Scale out with OUTREACH_ENGINE=inngest.");
  const options = {
    now: () => new Date(),
    transports: transportsFromEnv,
    stripe: getStripe,
    sendsPerMinute: env().OUTREACH_SENDS_PER_MINUTE,
    // Half the pool, so staff requests always find a connection; PGlite has one session.
    concurrentRuns: database.driver === "postgres" ? Math.max(1, Math.floor(env().DATABASE_POOL_SIZE / 2)) : 1,
  };
  for (;;) {
    try {
      const { nextAt } = await runDueWork(database.db, options);
      const untilNext = nextAt ? nextAt.getTime() - Date.now() : MAX_IDLE_MS;
      const rang = await pause(Math.max(0, Math.min(untilNext, MAX_IDLE_MS)), { wakeable: true });
      // A burst of commits (webhooks, bulk actions) rings once per commit: their runs are
      // taken together, one pass, rather than a pass each beside the requests still coming.
      if (rang) await pause(GATHER_MS);
    } catch (error) {
      console.error("Outreach engine pass failed; trying again shortly.", error);
      await pause(ERROR_PAUSE_MS);
    }
  }
}

/** Sleeps `ms`; a wakeable sleep ends early when the doorbell rings, and says so. */
function pause(ms: number, options: { wakeable?: boolean } = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (rang: boolean) => {
      clearTimeout(timer);
      onLocalEngineWake(undefined);
      resolve(rang);
    };
    const timer = setTimeout(() => done(false), ms);
    if (options.wakeable && onLocalEngineWake(() => done(true))) done(true);
  });
}
