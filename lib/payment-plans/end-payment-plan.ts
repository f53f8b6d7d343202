import type { Tx } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import { bulkTransitionInvoiceSets } from "@/lib/state-machine/bulk-transition-invoice-sets";
import type { PaymentPlanAction } from "@/lib/state-machine/payment-plan";
import { transitionPaymentPlans } from "@/lib/state-machine/transition-payment-plans";

/**
 * Ends some active plans of one clinic without the set being paid (Missed, or staff cancel):
 * the plans change through their table, then their sets leave the plan through the set's
 * table ("Payment plan ended"), with a timeline note, so the rule set takes over from the
 * step it had reached. Returns the sets that changed, for the caller's events after commit.
 */
export async function endPaymentPlans(
  tx: Tx,
  params: {
    clinicId: string;
    planIds: readonly string[];
    action: Extract<PaymentPlanAction, "miss" | "cancel">;
    reason: string;
    actor: Actor;
    now: Date;
  },
) {
  const { clinicId, actor, now, reason } = params;
  const ended = await transitionPaymentPlans(tx, { ...params, planIds: params.planIds });
  if (ended.length === 0) return [];
  const result = await bulkTransitionInvoiceSets(tx, {
    clinicId,
    ids: ended.map((plan) => plan.invoiceSetId),
    action: "payment_plan_ended",
    actor,
    now,
    note: `${reason}; outreach follows the rule set again`,
  });
  return result.changed;
}
