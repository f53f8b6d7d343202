import "server-only";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import type { Db, Tx } from "@/db/connect";
import { clinics, invoiceSets, webhookReceipts } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { isAppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";
import { paymentEvents } from "@/lib/payments/payment-events";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { handleCardChargeEvent } from "./handle-card-charge-event";
import { handleCardSetup } from "./handle-card-setup";

export type StripeWebhookOutcome = "invalid_signature" | "ignored" | "duplicate" | "refused" | "recorded";

export interface StripeWebhookResult {
  status: number;
  outcome: StripeWebhookOutcome;
  reason?: string;
}

/** The parts of a Checkout Session the app relies on, validated before anything is trusted. */
const sessionSchema = z.object({
  id: z.string().min(1).max(255),
  amount_total: z.number().int().nonnegative(),
  currency: z.string().min(3).max(3),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  payment_intent: z.union([z.string(), z.object({ id: z.string() }), z.null()]).optional(),
  metadata: z.object({
    clinicId: z.uuid(),
    invoiceSetId: z.uuid(),
    amountCents: z
      .string()
      .regex(/^[1-9]\d{0,9}$/)
      .transform(Number),
  }),
});

const PAYMENT_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
const PATIENT: Actor = { kind: "patient", ip: null };

/**
 * Verifies the signature on the raw body, then records the payment of a completed
 * Checkout Session exactly once (webhook_receipts by event id, and payments.external_id by
 * session id, so a replay or a second event for the same session pays nothing twice). The
 * amount, currency and set are checked against what the checkout asked for; a mismatch is
 * refused, recorded in the audit log, and changes no balance.
 */
export async function handleStripeWebhook(
  db: Db,
  params: { stripe: Stripe; rawBody: string; signature: string | null; webhookSecret: string },
): Promise<StripeWebhookResult> {
  if (!params.signature) return { status: 400, outcome: "invalid_signature" };
  let event: Stripe.Event;
  try {
    event = params.stripe.webhooks.constructEvent(params.rawBody, params.signature, params.webhookSecret);
  } catch {
    return { status: 400, outcome: "invalid_signature" };
  }
  // A setup-mode session saves a card on file; it carries no payment.
  if (event.type === "checkout.session.completed" && (event.data.object as { mode?: string }).mode === "setup") {
    return handleCardSetup(db, params.stripe, event);
  }
  // Off-session charges of a card on file (autopay, Charge Card) answer with their PaymentIntent.
  if (event.type === "payment_intent.succeeded" || event.type === "payment_intent.payment_failed") {
    return handleCardChargeEvent(db, event);
  }
  if (!PAYMENT_EVENTS.has(event.type)) return { status: 200, outcome: "ignored", reason: event.type };

  const parsed = sessionSchema.safeParse(event.data.object);
  if (!parsed.success) {
    console.warn(`Stripe ${event.type} ${event.id} refused: the session has no valid billing metadata.`);
    return { status: 422, outcome: "refused", reason: "invalid_metadata" };
  }
  const session = parsed.data;
  if (session.payment_status !== "paid") return { status: 200, outcome: "ignored", reason: "not_paid_yet" };
  const { clinicId, invoiceSetId } = session.metadata;

  const { result } = await runUseCase(db, async (tx) => {
    const outcome = await applySession(tx);
    return { result: outcome, events: "events" in outcome && outcome.events ? outcome.events : [] };
  });
  return { status: result.status, outcome: result.outcome, ...("reason" in result ? { reason: result.reason } : {}) };

  async function applySession(tx: Tx) {
    const fresh = await tx
      .insert(webhookReceipts)
      .values({ provider: "stripe", eventKey: event.id })
      .onConflictDoNothing()
      .returning({ eventKey: webhookReceipts.eventKey });
    if (fresh.length === 0) return { status: 200, outcome: "duplicate" as const };

    const [set] = await tx
      .select({ patientId: invoiceSets.patientId, currency: clinics.currency })
      .from(invoiceSets)
      .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
      .where(and(eq(invoiceSets.id, invoiceSetId), eq(invoiceSets.clinicId, clinicId)));
    const refuse = (reason: string, details: Record<string, unknown>) =>
      refuseSession(tx, clinicId, invoiceSetId, event, session, reason, details);
    if (!set) return refuse("set_not_in_clinic", {});
    if (session.amount_total !== session.metadata.amountCents) {
      return refuse("amount_mismatch", {
        expectedCents: session.metadata.amountCents,
        receivedCents: session.amount_total,
      });
    }
    if (session.currency.toLowerCase() !== set.currency.toLowerCase()) {
      return refuse("currency_mismatch", { expected: set.currency, received: session.currency });
    }

    try {
      // A savepoint, so a refused payment leaves the receipt and the audit row standing.
      const payment = await tx.transaction((sp) =>
        recordPatientPayment(sp, {
          clinicId,
          patientId: set.patientId,
          amountCents: session.amount_total,
          method: "card",
          reference: paymentIntentId(session.payment_intent) ?? session.id,
          receivedAt: new Date(event.created * 1000),
          actor: PATIENT,
          externalId: session.id,
        }),
      );
      if (payment.replayed) return { status: 200, outcome: "duplicate" as const };
      return {
        status: 200,
        outcome: "recorded" as const,
        events: paymentEvents({
          clinicId,
          patientId: set.patientId,
          receiptId: payment.receiptId,
          amountCents: session.amount_total,
          invoiceSets: payment.invoiceSets,
        }),
      };
    } catch (error) {
      // A passing outage is thrown so Stripe retries the event.
      if (!isAppError(error) || error.code === "unavailable") throw error;
      // Money was taken but cannot be applied (e.g. more than is owed now): staff must refund.
      return refuse("payment_not_applicable", { message: error.message });
    }
  }
}

function paymentIntentId(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

async function refuseSession(
  tx: Tx,
  clinicId: string,
  invoiceSetId: string,
  event: Stripe.Event,
  session: z.infer<typeof sessionSchema>,
  reason: string,
  details: Record<string, unknown>,
) {
  const [clinic] = await tx.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, clinicId));
  const entry = {
    stripeEventId: event.id,
    checkoutSessionId: session.id,
    amountTotal: session.amount_total,
    currency: session.currency,
    reason,
    ...details,
  };
  if (clinic) {
    await recordAudit(tx, {
      clinicId,
      actor: { kind: "system" },
      action: "stripe.checkout_refused",
      entityType: "invoice_set",
      entityId: invoiceSetId,
      after: entry,
    });
  }
  console.warn(`Stripe ${event.type} ${event.id} refused (${reason}); no payment recorded.`, JSON.stringify(entry));
  return { status: 422, outcome: "refused" as const, reason };
}
