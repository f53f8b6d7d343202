import type { Db } from "@/db/connect";
import { type DueWorkOptions, runDueWork } from "@/inngest/local/run-due-work";
import { outboxTransport } from "@/lib/providers/transport";
import { holdCrons } from "./hold-crons";

/**
 * A test's local engine pass: the outbox for both channels, no Stripe, a send cap no test
 * reaches; `overrides` for the rest (the clock, a fake provider, more runs at once).
 */
export function engineOptions(overrides: Partial<DueWorkOptions> & Pick<DueWorkOptions, "now">): DueWorkOptions {
  return {
    transports: () => ({ sms: outboxTransport, email: outboxTransport }),
    stripe: () => null,
    sendsPerMinute: 1000,
    ...overrides,
  };
}

/**
 * One pass of the local engine, as the app's scheduler would make it right after a
 * webhook or an action published its events: every due run, crons held, the outbox sending.
 */
export async function runEngineNow(db: Db, now = new Date()) {
  await holdCrons(db);
  return runDueWork(db, engineOptions({ now }));
}
