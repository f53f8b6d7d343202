import { cron } from "inngest";
import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { settleAllOverviews } from "@/lib/overview/settle-all-overviews";

/** Every 10 minutes: every clinic's rollups brought up to date (lib/overview/settle-all-overviews.ts). */
export const settleOverviews = inngest.createFunction(
  {
    id: "settle-overviews",
    name: "Settle every clinic's Overview",
    triggers: [cron("TZ=UTC */10 * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("settle-all-overviews", () => runSettleOverviews()),
);

/** The plain handler, callable from tests and scripts. */
export async function runSettleOverviews(now?: Date) {
  const { db } = await getDb();
  return settleAllOverviews(db, now);
}
