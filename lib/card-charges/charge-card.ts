import { and, count, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import { cardCharges } from "@/db/schema";
import { runUseCase } from "@/lib/events/run-use-case";
import { type AppliedCardCharge, applyCardChargeResult } from "./apply-card-charge-result";

export interface CardChargeRequest {
  clinicId: string;
  invoiceSetId: string;
  amountCents: number;
  currency: string;
  customerId: string;
  paymentMethodId: string;
  /** An installment of a payment plan (one row per try), or a "Charge Card" rule step (one row per cycle). */
  purpose: { kind: "installment"; installmentId: string } | { kind: "rule_step"; ruleId: string; cycle: number };
}

export type CardChargeOutcome =
  | AppliedCardCharge
  /** Stripe gave no answer (timeout, outage): the charge stays pending; asking again uses the same key. */
  | "no_answer"
  /** Accepted but not final yet (processing): the webhook settles it. */
  | "pending";

/**
 * Charges a card on file off-session, the one way autopay and "Charge Card" both do. The
 * attempt's row (and its idempotency key) is committed before Stripe hears of it, so asking
 * again after a lost answer is the same charge; a pending row of the same purpose is asked
 * again rather than doubled. The answer is applied by the same code as the signed webhook.
 */
export async function chargeCard(
  db: Db,
  stripe: Stripe,
  request: CardChargeRequest,
  now: Date,
): Promise<CardChargeOutcome> {
  const charge = await openAttempt(db, request, now);
  if (charge.status !== "pending") return "already_settled";

  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.create(
      {
        amount: charge.amountCents,
        currency: request.currency.toLowerCase(),
        customer: request.customerId,
        payment_method: request.paymentMethodId,
        off_session: true,
        confirm: true,
        metadata: { clinicId: request.clinicId, invoiceSetId: request.invoiceSetId, cardChargeId: charge.id },
      },
      { idempotencyKey: charge.idempotencyKey },
    );
  } catch (error) {
    const stripeError = error as { type?: string; message?: string; payment_intent?: { id?: string } };
    if (stripeError.type !== "StripeCardError") return "no_answer";
    return apply(db, request.clinicId, charge.id, now, {
      kind: "failed",
      paymentIntentId: stripeError.payment_intent?.id ?? null,
      message: stripeError.message ?? "The card was declined.",
    });
  }
  if (intent.status !== "succeeded") return "pending";
  return apply(db, request.clinicId, charge.id, now, {
    kind: "succeeded",
    paymentIntentId: intent.id,
    amountCents: intent.amount,
  });
}

async function apply(
  db: Db,
  clinicId: string,
  chargeId: string,
  at: Date,
  result: Parameters<typeof applyCardChargeResult>[1]["result"],
): Promise<AppliedCardCharge> {
  const { result: outcome } = await runUseCase(db, async (tx) => {
    const applied = await applyCardChargeResult(tx, { clinicId, chargeId, result, at });
    return { result: applied.outcome, events: applied.events };
  });
  return outcome;
}

/** The pending attempt of this purpose, or a new one written now (committed before the caller calls Stripe). */
async function openAttempt(db: Db, request: CardChargeRequest, now: Date) {
  const { purpose } = request;
  const samePurpose =
    purpose.kind === "installment"
      ? eq(cardCharges.installmentId, purpose.installmentId)
      : and(
          eq(cardCharges.invoiceSetId, request.invoiceSetId),
          eq(cardCharges.sequenceCycle, purpose.cycle),
          eq(cardCharges.ruleId, purpose.ruleId),
        );
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(cardCharges)
      .where(
        and(
          eq(cardCharges.clinicId, request.clinicId),
          samePurpose,
          purpose.kind === "installment" ? eq(cardCharges.status, "pending") : undefined,
        ),
      );
    if (pending) return pending;
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(cardCharges).where(samePurpose);
    const attempt = Number(n) + 1;
    const key =
      purpose.kind === "installment"
        ? `installment-${purpose.installmentId}-attempt-${attempt}`
        : `charge-card-${request.invoiceSetId}-${purpose.cycle}-${purpose.ruleId}`;
    const [inserted] = await tx
      .insert(cardCharges)
      .values({
        clinicId: request.clinicId,
        invoiceSetId: request.invoiceSetId,
        ...(purpose.kind === "installment"
          ? { installmentId: purpose.installmentId }
          : { ruleId: purpose.ruleId, sequenceCycle: purpose.cycle }),
        attempt,
        amountCents: request.amountCents,
        idempotencyKey: key,
        attemptedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
    // A concurrent pass wrote it a moment ago: use that one.
    const [raced] = await tx
      .select()
      .from(cardCharges)
      .where(and(eq(cardCharges.clinicId, request.clinicId), samePurpose));
    if (!raced) throw new Error("The card charge could not be recorded; it will be tried again.");
    return raced;
  });
}
