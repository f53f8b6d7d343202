import "server-only";
import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import type { AppEvent } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { wakeEngineElsewhere, wakeLocalEngine } from "@/inngest/local/wake";
import { env } from "@/lib/env";

/**
 * Sends events after a commit, to whichever engine runs outreach. Local: the events
 * become runs in the database (unless the caller already recorded them in its
 * transaction) and the scheduler wakes at once, in this server process or (NOTIFY) the one
 * that holds it. Inngest: one send, given up
 * after ~300 ms; the change still stands and the reconcile re-emits what is missing.
 */
export async function publishEvents(
  events: AppEvent | readonly AppEvent[],
  options: { recorded?: boolean } = {},
): Promise<{ sent: boolean }> {
  const list: AppEvent[] = Array.isArray(events) ? [...events] : [events as AppEvent];
  if (list.length === 0) return { sent: true };
  if (env().OUTREACH_ENGINE === "local") {
    const { db, driver } = await getDb();
    if (!options.recorded) await enqueueEvents(db, list, new Date());
    // Another server process may hold the engine; if the ring is lost, its poll finds the runs.
    if (!wakeLocalEngine() && driver === "postgres") void wakeEngineElsewhere(db).catch(() => {});
    return { sent: true };
  }
  try {
    await withTimeout(inngest.send(list), env().INNGEST_SEND_TIMEOUT_MS);
    return { sent: true };
  } catch (error) {
    console.warn(`Inngest is unreachable; outreach will catch up when it is back (${describe(error)}).`);
    return { sent: false };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // A late failure of the abandoned send must not become an unhandled rejection.
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : "unknown error";
}
