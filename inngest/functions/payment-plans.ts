import { cron } from "inngest";
import { getDb } from "@/db/client";
import type { Db } from "@/db/connect";
import { inngest } from "@/inngest/client";
import { chargeDueInstallments } from "@/lib/payment-plans/charge-due-installments";
import { markMissedPaymentPlans } from "@/lib/payment-plans/mark-missed-payment-plans";
import { getStripe } from "@/lib/stripe/client";

/**
 * Hourly pass over payment plans: autopay charges due installments to the card on file
 * (retrying declines), then plans with an installment unpaid past its grace become Missed
 * and their sets return to the rule set. The body is plain use cases over due rows.
 */
export const paymentPlanPass = inngest.createFunction(
  {
    id: "payment-plan-pass",
    name: "Payment plans: autopay and missed installments",
    triggers: [cron("TZ=UTC 20 * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("payment-plan-pass", () => runPaymentPlanPass()),
);

/** The plain handler, callable from tests, scripts and the local engine. */
export async function runPaymentPlanPass(now: Date = new Date()) {
  const { db } = await getDb();
  return paymentPlanPassBody(db, now);
}

/** The pass itself, on a given database (the local engine passes its own). */
export async function paymentPlanPassBody(db: Db, now: Date) {
  const stripe = getStripe();
  const autopay = stripe ? await chargeDueInstallments(db, stripe, now) : { charged: 0, failed: 0 };
  return { ...autopay, ...(await markMissedPaymentPlans(db, now)) };
}
