import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import { type CardChargeOutcome as ChargeOutcome, chargeCard } from "@/lib/card-charges/charge-card";
import type { LoadedSequence } from "./load-sequence";

export type CardChargeOutcome = ChargeOutcome | "not_configured";

/**
 * A rule's "Charge Card" method: the set's balance, or at most the clinic's largest charge,
 * charged off-session to the patient's card on file, once per cycle of the sequence (the
 * same charging code as autopay; the attempt is on record before Stripe is called).
 */
export async function chargeCardForRule(
  db: Db,
  stripe: Stripe | null,
  params: { loaded: LoadedSequence; plan: { stepIndex: number; cycle: number; ruleId: string }; now: Date },
): Promise<CardChargeOutcome> {
  const { set, clinic, card } = params.loaded;
  if (!stripe || !card) return "not_configured";
  const amountCents = Math.min(set.amountOutstandingCents, clinic.cardChargeMaxCents ?? set.amountOutstandingCents);
  return chargeCard(
    db,
    stripe,
    {
      clinicId: set.clinicId,
      invoiceSetId: set.id,
      amountCents,
      currency: clinic.currency,
      customerId: card.stripeCustomerId,
      paymentMethodId: card.stripePaymentMethodId,
      purpose: { kind: "rule_step", ruleId: params.plan.ruleId, cycle: params.plan.cycle },
    },
    params.now,
  );
}
