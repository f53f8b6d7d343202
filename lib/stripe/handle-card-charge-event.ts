import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { webhookReceipts } from "@/db/schema";
import { applyCardChargeResult } from "@/lib/card-charges/apply-card-charge-result";
import { runUseCase } from "@/lib/events/run-use-case";
import type { StripeWebhookResult } from "./handle-stripe-webhook";

/** The parts of an off-session PaymentIntent the app relies on; only charges the app made carry cardChargeId. */
const intentSchema = z.object({
  id: z.string().min(1).max(255),
  amount: z.number().int().positive(),
  last_payment_error: z.object({ message: z.string().max(500).optional() }).nullish(),
  metadata: z.object({ clinicId: z.uuid(), cardChargeId: z.uuid() }),
});

/**
 * payment_intent.succeeded / payment_intent.payment_failed for a charge of a card on file:
 * applied once (webhook_receipts by event id; the charge settles once) through the same
 * code as the charge call's own answer. Other PaymentIntents (Checkout's) are ignored.
 */
export async function handleCardChargeEvent(db: Db, event: Stripe.Event): Promise<StripeWebhookResult> {
  const parsed = intentSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: 200, outcome: "ignored", reason: "not_a_card_charge" };
  const intent = parsed.data;
  const { result } = await runUseCase(db, async (tx) => {
    const fresh = await tx
      .insert(webhookReceipts)
      .values({ provider: "stripe", eventKey: event.id })
      .onConflictDoNothing()
      .returning({ eventKey: webhookReceipts.eventKey });
    if (fresh.length === 0) return { result: "duplicate" as const, events: [] };
    const applied = await applyCardChargeResult(tx, {
      clinicId: intent.metadata.clinicId,
      chargeId: intent.metadata.cardChargeId,
      result:
        event.type === "payment_intent.succeeded"
          ? { kind: "succeeded", paymentIntentId: intent.id, amountCents: intent.amount }
          : {
              kind: "failed",
              paymentIntentId: intent.id,
              message: intent.last_payment_error?.message ?? "The card was declined.",
            },
      at: new Date(event.created * 1000),
    });
    return { result: applied.outcome, events: applied.events };
  });
  if (result === "duplicate" || result === "already_settled") return { status: 200, outcome: "duplicate" };
  if (result === "unknown_charge") return { status: 200, outcome: "ignored", reason: "unknown_charge" };
  if (result === "refused") return { status: 422, outcome: "refused", reason: "card_charge_refused" };
  return { status: 200, outcome: "recorded", reason: result };
}
