import { sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";

/**
 * The scheduler's doorbell. Kept on globalThis: Next.js bundles instrumentation.ts and the
 * routes separately, so a module variable would not be shared. `engineHere`: this process
 * holds the engine (with several server processes, one does; the others ring it through
 * Postgres).
 */
const holder = globalThis as unknown as {
  clinicBillingOutreachBell?: { listener?: () => void; pending: boolean; engineHere: boolean };
};
holder.clinicBillingOutreachBell ??= { pending: false, engineHere: false };
const bell = holder.clinicBillingOutreachBell;

/** The NOTIFY channel that wakes the engine from another process. */
export const ENGINE_WAKE_CHANNEL = "outreach_engine_wake";

/** The scheduler listens while it sleeps; a ring that came while it was busy wakes the next sleep at once. */
export function onLocalEngineWake(listener: (() => void) | undefined): boolean {
  bell.listener = listener;
  if (listener && bell.pending) {
    bell.pending = false;
    return true;
  }
  return false;
}

/** This process took the engine: rings from here and from NOTIFY are its own. */
export function markEngineHere() {
  bell.engineHere = true;
}

/** Due work was just committed: run it now rather than at the next poll. False: the engine runs in another process. */
export function wakeLocalEngine(): boolean {
  if (bell.listener) bell.listener();
  else bell.pending = true;
  return bell.engineHere;
}

/** Rings the engine in whichever process holds it (delivered at commit when run in a transaction). */
export async function wakeEngineElsewhere(db: Executor): Promise<void> {
  await db.execute(sql`select pg_notify(${ENGINE_WAKE_CHANNEL}, '')`);
}
