import "server-only";
import type { Db, Tx } from "@/db/connect";
import type { AppEvent } from "@/inngest/events";
import { enqueueEvents } from "@/inngest/local/job-store";
import { env } from "@/lib/env";
import { publishEvents } from "./publish-events";

/** What a use case returns: its result, and the events to publish once its transaction commits. */
export interface UseCaseOutcome<T> {
  result: T;
  events: readonly AppEvent[];
}

/**
 * The one way to run a use case that causes outreach: in one transaction, then publish
 * its events after the commit (never for a rolled-back change). With the local engine
 * the runs are written in the same transaction, so a crash after the commit loses none.
 * `published` is false when Inngest could not be reached (the reconcile catches up).
 */
export async function runUseCase<T>(
  db: Db,
  useCase: (tx: Tx) => Promise<UseCaseOutcome<T>>,
): Promise<{ result: T; published: boolean }> {
  const local = env().OUTREACH_ENGINE === "local";
  const outcome = await db.transaction(async (tx) => {
    const done = await useCase(tx);
    if (local && done.events.length > 0) await enqueueEvents(tx, done.events, new Date());
    return done;
  });
  const { sent } = await publishEvents(outcome.events, { recorded: local });
  return { result: outcome.result, published: sent };
}
