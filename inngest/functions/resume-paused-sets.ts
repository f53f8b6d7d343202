import { cron } from "inngest";
import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { resumeDueInvoiceSets } from "@/lib/invoice-sets/resume-due-invoice-sets";

/**
 * Every 15 minutes: paused sets whose "Pause until" date has begun in their clinic's zone
 * resume through the Resume transition. The body is one use case over due rows.
 */
export const resumePausedSets = inngest.createFunction(
  {
    id: "resume-paused-sets",
    name: "Resume sets paused until a date",
    triggers: [cron("TZ=UTC */15 * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("resume-due-invoice-sets", () => runResumePausedSets()),
);

/** The plain handler, callable from tests, scripts and the local engine. */
export async function runResumePausedSets(now?: Date) {
  const { db } = await getDb();
  return resumeDueInvoiceSets(db, now);
}
