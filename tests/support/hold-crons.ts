import type { Executor } from "@/db/connect";
import { outreachEngineState } from "@/db/schema";
import { CRONS } from "@/inngest/local/run-due-work";

const FAR_FUTURE = { at: "2100-01-01T00:00:00.000Z" };

/**
 * Marks every local-engine cron as just run, so a test's `runDueWork` passes run only the
 * test's own work and never other files' sets (reconcile, past-due, resume, plans).
 */
export async function holdCrons(db: Executor) {
  await db
    .insert(outreachEngineState)
    .values(CRONS.map(({ key }) => ({ key, value: FAR_FUTURE })))
    .onConflictDoUpdate({ target: outreachEngineState.key, set: { value: FAR_FUTURE } });
}
