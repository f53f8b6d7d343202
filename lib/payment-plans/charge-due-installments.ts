import { count, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { paymentPlanCharges } from "@/db/schema";
import { invoiceSetActivated } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { publishEvents } from "@/lib/events/publish-events";
import { formatCents } from "@/lib/money";
import { paymentEvents } from "@/lib/payments/payment-events";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { settleInstallmentCharge } from "@/lib/state-machine/installment-charge";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { endPaymentPlans } from "./end-payment-plan";

/** Tries per installment: the first on its date, then again after RETRY_DAYS (Stripe suggests a few days apart). */
export const MAX_CHARGE_ATTEMPTS = 3;
export const RETRY_DAYS = 3;
/** A charge still pending this long had no answer (a timeout): the next pass asks again with the same key. */
const PENDING_RETRY_MS = 10 * 60_000;

interface DueCharge {
  clinicId: string;
  planId: string;
  invoiceSetId: string;
  patientId: string;
  installmentId: string;
  amountCents: number;
  currency: string;
  customerId: string;
  paymentMethodId: string;
  failedAttempts: number;
  pendingChargeId: string | null;
  pendingKey: string | null;
}

/**
 * Autopay: for each active autopay plan, its earliest installment that is due (in the
 * clinic's calendar) and not yet covered by payments is charged off-session to the card on
 * file. The charge row is committed before Stripe is called and carries the idempotency key,
 * so a retry after a timeout is the same charge. A decline is retried after RETRY_DAYS; after
 * the last try the plan goes Missed and the set returns to its rule set.
 */
export async function chargeDueInstallments(
  db: Db,
  stripe: Stripe,
  now: Date = new Date(),
): Promise<{ charged: number; failed: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = await executeRows<DueCharge>(
    db,
    sql`
    select distinct on (p.id) p.clinic_id as "clinicId", p.id as "planId", s.id as "invoiceSetId", s.patient_id as "patientId",
      i.id as "installmentId", c.currency,
      least(i.amount_cents, cum.total - (p.start_balance_cents - s.amount_outstanding_cents))::int as "amountCents",
      pc.stripe_customer_id as "customerId", pc.stripe_payment_method_id as "paymentMethodId",
      (select count(*) from payment_plan_charges f where f.installment_id = i.id and f.status = 'failed')::int as "failedAttempts",
      pending.id as "pendingChargeId", pending.idempotency_key as "pendingKey"
    from payment_plans p
    join invoice_sets s on s.id = p.invoice_set_id and s.clinic_id = p.clinic_id
    join clinics c on c.id = p.clinic_id
    join payment_cards pc on pc.patient_id = s.patient_id and pc.clinic_id = p.clinic_id
    join payment_plan_installments i on i.plan_id = p.id
    cross join lateral (select sum(j.amount_cents) as total from payment_plan_installments j where j.plan_id = p.id and j.seq <= i.seq) cum
    left join lateral (
      select id, idempotency_key from payment_plan_charges x where x.installment_id = i.id and x.status = 'pending'
    ) pending on true
    where p.status = 'active' and p.autopay
      and i.due_on <= (${at} at time zone c.time_zone)::date
      and cum.total > p.start_balance_cents - s.amount_outstanding_cents
      and not exists (select 1 from payment_plan_charges ok where ok.installment_id = i.id and ok.status = 'succeeded')
      and (pending.id is null or exists (
        select 1 from payment_plan_charges x where x.id = pending.id and x.attempted_at <= ${at} - ${`${PENDING_RETRY_MS} milliseconds`}::interval))
      and not exists (
        select 1 from payment_plan_charges r where r.installment_id = i.id and r.status = 'failed'
          and r.attempted_at > ${at} - ${`${RETRY_DAYS} days`}::interval)
    order by p.id, i.seq
    limit 200`,
  );
  let charged = 0;
  let failed = 0;
  for (const row of due) {
    if (row.failedAttempts >= MAX_CHARGE_ATTEMPTS) continue;
    const outcome = await chargeOne(db, stripe, row, now);
    if (outcome === "succeeded") charged += 1;
    if (outcome === "failed") failed += 1;
  }
  return { charged, failed };
}

async function chargeOne(db: Db, stripe: Stripe, row: DueCharge, now: Date) {
  // The attempt is on record (and its key fixed) before Stripe hears of it.
  const charge = row.pendingChargeId
    ? { id: row.pendingChargeId, key: row.pendingKey ?? "", attempt: row.failedAttempts + 1 }
    : await db.transaction(async (tx) => {
        const [{ n } = { n: 0 }] = await tx
          .select({ n: count() })
          .from(paymentPlanCharges)
          .where(eq(paymentPlanCharges.installmentId, row.installmentId));
        const attempt = Number(n) + 1;
        const key = `installment-${row.installmentId}-attempt-${attempt}`;
        const [inserted] = await tx
          .insert(paymentPlanCharges)
          .values({
            clinicId: row.clinicId,
            installmentId: row.installmentId,
            attempt,
            amountCents: row.amountCents,
            idempotencyKey: key,
            attemptedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: paymentPlanCharges.id });
        return inserted ? { id: inserted.id, key, attempt: row.failedAttempts + 1 } : null;
      });
  if (!charge) return "skipped";

  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.create(
      {
        amount: row.amountCents,
        currency: row.currency.toLowerCase(),
        customer: row.customerId,
        payment_method: row.paymentMethodId,
        off_session: true,
        confirm: true,
        metadata: { clinicId: row.clinicId, invoiceSetId: row.invoiceSetId, installmentId: row.installmentId },
      },
      { idempotencyKey: charge.key },
    );
  } catch (error) {
    const declined = (error as { type?: string }).type === "StripeCardError";
    // No answer (timeout, outage): the charge stays pending and the next pass asks again with the same key.
    if (!declined) return "pending";
    const message = error instanceof Error ? error.message : "The card was declined.";
    return recordDecline(db, row, charge, message, now);
  }
  if (intent.status !== "succeeded") return "pending";

  const events = await db.transaction(async (tx) => {
    const settled = await settleInstallmentCharge(tx, {
      clinicId: row.clinicId,
      chargeId: charge.id,
      action: "succeed",
      paymentIntentId: intent.id,
      failureMessage: null,
      now,
    });
    if (!settled) return [];
    const payment = await recordPatientPayment(tx, {
      clinicId: row.clinicId,
      patientId: row.patientId,
      amountCents: row.amountCents,
      method: "card",
      reference: intent.id,
      receivedAt: now,
      actor: SYSTEM,
      externalId: intent.id,
    });
    if (payment.replayed) return [];
    return paymentEvents({
      clinicId: row.clinicId,
      patientId: row.patientId,
      receiptId: payment.receiptId,
      amountCents: row.amountCents,
      invoiceSets: payment.invoiceSets,
    });
  });
  await publishEvents(events);
  return "succeeded";
}

async function recordDecline(
  db: Db,
  row: DueCharge,
  charge: { id: string; attempt: number },
  message: string,
  now: Date,
) {
  const last = charge.attempt >= MAX_CHARGE_ATTEMPTS;
  const changed = await db.transaction(async (tx) => {
    await settleInstallmentCharge(tx, {
      clinicId: row.clinicId,
      chargeId: charge.id,
      action: "fail",
      paymentIntentId: null,
      failureMessage: message,
      now,
    });
    await recordTimelineEvent(tx, {
      clinicId: row.clinicId,
      invoiceSetId: row.invoiceSetId,
      kind: "note",
      actor: SYSTEM,
      summary: `Autopay of ${formatCents(row.amountCents)} failed (try ${charge.attempt} of ${MAX_CHARGE_ATTEMPTS}): ${message}${last ? "" : ` Trying again in ${RETRY_DAYS} days.`}`,
      occurredAt: now,
    });
    if (!last) return [];
    return endPaymentPlans(tx, {
      clinicId: row.clinicId,
      planIds: [row.planId],
      action: "miss",
      reason: `Payment plan missed: autopay failed ${MAX_CHARGE_ATTEMPTS} times`,
      actor: SYSTEM,
      now,
    });
  });
  await publishEvents(
    changed
      .filter((set) => set.to === "active")
      .map((set) => invoiceSetActivated.create({ clinicId: row.clinicId, invoiceSetId: set.id })),
  );
  return "failed";
}
