import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { cardCharges, invoiceSets, paymentPlanInstallments } from "@/db/schema";
import { type AppEvent, invoiceSetActivated } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { isAppError } from "@/lib/errors";
import { formatCents } from "@/lib/money";
import { MAX_CHARGE_ATTEMPTS, RETRY_DAYS } from "@/lib/payment-plans/autopay-policy";
import { endPaymentPlans } from "@/lib/payment-plans/end-payment-plan";
import { paymentEvents } from "@/lib/payments/payment-events";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { settleCardCharge } from "@/lib/state-machine/card-charge";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

export type CardChargeResult =
  | { kind: "succeeded"; paymentIntentId: string; amountCents: number }
  | { kind: "failed"; paymentIntentId: string | null; message: string };

export type AppliedCardCharge =
  | "recorded"
  | "declined"
  /** It had settled already (the charge's answer and its webhook both arrive): nothing changed. */
  | "already_settled"
  | "unknown_charge"
  /** Stripe took an amount other than the charge asked for, or the payment no longer fits the balance: audited, staff refund. */
  | "refused";

/**
 * Stripe's answer to one off-session charge, from the charge call itself or from the signed
 * webhook (whichever comes first; the other changes nothing). Success records the payment
 * like any card payment (its PaymentIntent id is the payment's external id); a decline
 * is noted on the set's timeline and, for an installment's last try, misses the plan.
 * Returns the events to publish after the caller's transaction commits.
 */
export async function applyCardChargeResult(
  tx: Tx,
  params: { clinicId: string; chargeId: string; result: CardChargeResult; at: Date },
): Promise<{ outcome: AppliedCardCharge; events: AppEvent[] }> {
  const { clinicId, result, at } = params;
  const [charge] = await tx
    .select({
      id: cardCharges.id,
      status: cardCharges.status,
      amountCents: cardCharges.amountCents,
      attempt: cardCharges.attempt,
      invoiceSetId: cardCharges.invoiceSetId,
      installmentId: cardCharges.installmentId,
      patientId: invoiceSets.patientId,
      planId: paymentPlanInstallments.planId,
    })
    .from(cardCharges)
    .innerJoin(invoiceSets, eq(invoiceSets.id, cardCharges.invoiceSetId))
    .leftJoin(paymentPlanInstallments, eq(paymentPlanInstallments.id, cardCharges.installmentId))
    .where(and(eq(cardCharges.id, params.chargeId), eq(cardCharges.clinicId, clinicId)));
  if (!charge) return { outcome: "unknown_charge", events: [] };
  const ref = { clinicId, invoiceSetId: charge.invoiceSetId };

  if (result.kind === "succeeded" && result.amountCents !== charge.amountCents) {
    await refuse(tx, ref, { chargeId: charge.id, reason: "amount_mismatch", ...result });
    return { outcome: "refused", events: [] };
  }
  const settled = await settleCardCharge(tx, {
    clinicId,
    chargeId: charge.id,
    action: result.kind === "succeeded" ? "succeed" : "fail",
    paymentIntentId: result.paymentIntentId,
    failureMessage: result.kind === "failed" ? result.message : null,
    now: at,
  });
  if (!settled) return { outcome: "already_settled", events: [] };

  if (result.kind === "succeeded") {
    try {
      // A savepoint, so a payment that no longer fits leaves the settled charge and the audit row standing.
      const payment = await tx.transaction((sp) =>
        recordPatientPayment(sp, {
          clinicId,
          patientId: charge.patientId,
          amountCents: charge.amountCents,
          method: "card",
          reference: result.paymentIntentId,
          receivedAt: at,
          actor: SYSTEM,
          externalId: result.paymentIntentId,
        }),
      );
      if (payment.replayed) return { outcome: "already_settled", events: [] };
      return {
        outcome: "recorded",
        events: paymentEvents({
          clinicId,
          patientId: charge.patientId,
          receiptId: payment.receiptId,
          amountCents: charge.amountCents,
          invoiceSets: payment.invoiceSets,
        }),
      };
    } catch (error) {
      if (!isAppError(error) || error.code === "unavailable") throw error;
      await refuse(tx, ref, { chargeId: charge.id, reason: "payment_not_applicable", message: error.message });
      return { outcome: "refused", events: [] };
    }
  }

  const amount = formatCents(charge.amountCents);
  if (!charge.installmentId || !charge.planId) {
    await recordTimelineEvent(tx, {
      ...ref,
      kind: "note",
      actor: SYSTEM,
      summary: `Charge Card: ${amount} declined: ${result.message}`,
      details: { cardChargeId: charge.id },
      occurredAt: at,
    });
    return { outcome: "declined", events: [] };
  }
  const last = charge.attempt >= MAX_CHARGE_ATTEMPTS;
  await recordTimelineEvent(tx, {
    ...ref,
    kind: "note",
    actor: SYSTEM,
    summary: `Autopay of ${amount} failed (try ${charge.attempt} of ${MAX_CHARGE_ATTEMPTS}): ${result.message}${last ? "" : ` Trying again in ${RETRY_DAYS} days.`}`,
    details: { cardChargeId: charge.id },
    occurredAt: at,
  });
  if (!last) return { outcome: "declined", events: [] };
  const changed = await endPaymentPlans(tx, {
    clinicId,
    planIds: [charge.planId],
    action: "miss",
    reason: `Payment plan missed: autopay failed ${MAX_CHARGE_ATTEMPTS} times`,
    actor: SYSTEM,
    now: at,
  });
  return {
    outcome: "declined",
    events: changed
      .filter((set) => set.to === "active")
      .map((set) => invoiceSetActivated.create({ clinicId, invoiceSetId: set.id })),
  };
}

async function refuse(tx: Tx, ref: { clinicId: string; invoiceSetId: string }, details: Record<string, unknown>) {
  await recordAudit(tx, {
    clinicId: ref.clinicId,
    actor: SYSTEM,
    action: "stripe.card_charge_refused",
    entityType: "invoice_set",
    entityId: ref.invoiceSetId,
    after: details,
  });
  console.warn("Stripe card charge refused; no payment recorded (refund it in Stripe).", JSON.stringify(details));
}
