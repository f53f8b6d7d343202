import { cron } from "inngest";
import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { markMissedPaymentPlans } from "@/lib/payment-plans/mark-missed-payment-plans";

/**
 * Hourly pass over payment plans: plans with an installment unpaid past its grace become
 * Missed and their sets return to the rule set. The body is plain use cases over due rows.
 */
export const paymentPlanPass = inngest.createFunction(
  {
    id: "payment-plan-pass",
    name: "Payment plans: missed installments",
    triggers: [cron("TZ=UTC 20 * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("mark-missed-payment-plans", () => runPaymentPlanPass()),
);

/** The plain handler, callable from tests, scripts and the local engine. */
export async function runPaymentPlanPass(now?: Date) {
  const { db } = await getDb();
  return markMissedPaymentPlans(db, now);
}
