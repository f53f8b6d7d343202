import { cron } from "inngest";
import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { flagPastDueInvoices } from "@/lib/state-machine/flag-past-due-invoices";

/**
 * Hourly, so each clinic's invoices turn Past Due soon after midnight in its own time zone.
 * The handler is one set-based statement (lib/state-machine/flag-past-due-invoices.ts).
 */
export const flagPastDue = inngest.createFunction(
  {
    id: "flag-past-due",
    name: "Flag past-due invoices",
    triggers: [cron("TZ=UTC 5 * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("flag-past-due-invoices", () => runFlagPastDue()),
);

/** The plain handler, callable from tests and scripts. */
export async function runFlagPastDue(now?: Date) {
  const { db } = await getDb();
  return flagPastDueInvoices(db, now);
}
