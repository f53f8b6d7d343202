import type { Db } from "@/db/connect";
import { runDueWork } from "@/inngest/local/run-due-work";
import { outboxTransport } from "@/lib/providers/transport";
import { holdCrons } from "./hold-crons";

/**
 * One pass of the local engine, as the app's scheduler would make it right after a
 * webhook or an action published its events: every due run, crons held, the outbox sending.
 */
export async function runEngineNow(db: Db, now = new Date()) {
  await holdCrons(db);
  return runDueWork(db, {
    now,
    transports: () => ({ sms: outboxTransport, email: outboxTransport }),
    stripe: () => null,
    sendsPerMinute: 1000,
  });
}
