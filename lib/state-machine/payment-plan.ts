import { PAYMENT_PLAN_STATUS_LABELS, type PaymentPlanStatus } from "./statuses";

/**
 * The payment plan lifecycle as data, the only place that decides a plan's status. A plan
 * starts Active; it ends Completed (paid off, early or on schedule), Missed (an installment
 * went unpaid past its grace, or autopay failed its last retry) or Cancelled (staff ended
 * it, or the set closed another way). Ended plans never change again.
 */
export const PAYMENT_PLAN_ACTIONS = ["complete", "miss", "cancel"] as const;
export type PaymentPlanAction = (typeof PAYMENT_PLAN_ACTIONS)[number];

export const PAYMENT_PLAN_TRANSITIONS: Record<
  PaymentPlanAction,
  { label: string; from: readonly PaymentPlanStatus[]; to: PaymentPlanStatus }
> = {
  complete: { label: "Complete plan", from: ["active"], to: "completed" },
  miss: { label: "Mark plan missed", from: ["active"], to: "missed" },
  cancel: { label: "Cancel plan", from: ["active"], to: "cancelled" },
};

export type PaymentPlanDecision =
  | { ok: true; from: PaymentPlanStatus; to: PaymentPlanStatus }
  | { ok: false; from: PaymentPlanStatus; reason: string };

export function decidePaymentPlanTransition(from: PaymentPlanStatus, action: PaymentPlanAction): PaymentPlanDecision {
  const rule = PAYMENT_PLAN_TRANSITIONS[action];
  if (!rule.from.includes(from))
    return {
      ok: false,
      from,
      reason: `${rule.label} isn't possible: the payment plan is already ${PAYMENT_PLAN_STATUS_LABELS[from]}.`,
    };
  return { ok: true, from, to: rule.to };
}
