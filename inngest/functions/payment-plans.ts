import { cron } from "inngest";
import type Stripe from "stripe";
import { getDb } from "@/db/client";
import type { Db } from "@/db/connect";
import { inngest } from "@/inngest/client";
import { chargeDueInstallments } from "@/lib/payment-plans/charge-due-installments";
import { markMissedPaymentPlans } from "@/lib/payment-plans/mark-missed-payment-plans";
import { sendInstallmentReminders } from "@/lib/payment-plans/send-installment-reminders";
import type { Transports } from "@/lib/providers/transport";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";
import { getStripe } from "@/lib/stripe/client";
import { sendsPerMinute } from "./send-outreach-rule";

/**
 * Hourly pass over payment plans: autopay charges due installments to the card on file
 * (retrying declines), plans with an installment unpaid past its grace become Missed
 * and their sets return to the rule set, and plans on track remind the patient before each
 * installment. The body is plain use cases over due rows.
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
  return paymentPlanPassBody(db, now, {
    stripe: getStripe(),
    transports: transportsFromEnv(),
    sendsPerMinute: sendsPerMinute(),
  });
}

/**
 * The pass itself, on a given database (the local engine passes its own). Reminders count
 * against the clinic's per-minute send cap like any outreach (`sendsPerMinute`, the
 * process-wide cap).
 */
export async function paymentPlanPassBody(
  db: Db,
  now: Date,
  options: { stripe: Stripe | null; transports: Transports; sendsPerMinute: number },
) {
  const autopay = options.stripe ? await chargeDueInstallments(db, options.stripe, now) : { charged: 0, failed: 0 };
  const missed = await markMissedPaymentPlans(db, now);
  const reminders = await sendInstallmentReminders(db, options.transports, now, options.sendsPerMinute);
  return { ...autopay, ...missed, reminders: reminders.sent };
}
