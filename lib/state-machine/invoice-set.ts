import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus, OPEN_INVOICE_SET_STATUSES } from "./statuses";

/**
 * The invoice set lifecycle (design.md, invoice-management.txt) as data. This table is
 * the only place that decides an invoice set transition.
 */
export const STAFF_INVOICE_SET_ACTIONS = [
  "write_off",
  "send_to_collections",
  "change_rule_set",
  "pause",
  "resume",
  "cancel",
] as const;
export type StaffInvoiceSetAction = (typeof STAFF_INVOICE_SET_ACTIONS)[number];

export const SYSTEM_INVOICE_SET_ACTIONS = [
  "balance_cleared",
  "delivery_failed",
  "predicted_to_fail",
  "prediction_cleared",
  "sequence_completed",
] as const;
export type SystemInvoiceSetAction = (typeof SYSTEM_INVOICE_SET_ACTIONS)[number];

/** A payment plan starts (staff or patient) or ends (missed, cancelled): the set's outreach switches. */
export const PAYMENT_PLAN_INVOICE_SET_ACTIONS = ["start_payment_plan", "payment_plan_ended"] as const;
export type PaymentPlanInvoiceSetAction = (typeof PAYMENT_PLAN_INVOICE_SET_ACTIONS)[number];

export type InvoiceSetAction = StaffInvoiceSetAction | SystemInvoiceSetAction | PaymentPlanInvoiceSetAction;

/** The status reason of an Active set whose outreach follows its payment plan. */
export const ON_PAYMENT_PLAN = "On payment plan";

/** The reasons the Pause dialog offers; staff may also write their own. */
export const PAUSE_REASONS = ["Insurance pending", "Promise to pay", "Dispute"] as const;

/** Facts a transition may depend on, supplied by the caller. */
export interface InvoiceSetTransitionContext {
  /** Resume: whether the next scheduled message is predicted to fail. */
  nextSendPredictedToFail?: boolean;
}

interface InvoiceSetRule {
  label: string;
  from: readonly InvoiceSetStatus[];
  to: (from: InvoiceSetStatus, ctx: InvoiceSetTransitionContext) => InvoiceSetStatus;
  /** Staff should confirm before this runs (it ends outreach or cannot be undone). */
  destructive: boolean;
}

const OPEN = OPEN_INVOICE_SET_STATUSES;
const to = (status: InvoiceSetStatus) => () => status;

export const INVOICE_SET_TRANSITIONS: Record<InvoiceSetAction, InvoiceSetRule> = {
  write_off: { label: "Write Off", from: OPEN, to: to("written_off"), destructive: true },
  send_to_collections: {
    label: "Send to Collections",
    from: OPEN,
    to: to("collections"),
    destructive: true,
  },
  change_rule_set: {
    label: "Change Rule Set",
    from: OPEN,
    to: (from) => (from === "expired" ? "active" : from),
    destructive: false,
  },
  pause: { label: "Pause", from: ["active", "will_fail", "failed"], to: to("paused"), destructive: false },
  resume: {
    label: "Resume",
    from: ["paused"],
    to: (_from, ctx) => (ctx.nextSendPredictedToFail ? "will_fail" : "active"),
    destructive: false,
  },
  cancel: { label: "Cancel", from: OPEN, to: to("cancelled"), destructive: true },
  // A plan puts any open set back to Active: its outreach now follows the plan.
  start_payment_plan: { label: "Payment plan", from: OPEN, to: to("active"), destructive: false },
  // The plan ended without paying off the set: the rule set takes over where it stopped.
  payment_plan_ended: {
    label: "Payment plan ended",
    from: ["active", "paused", "will_fail", "failed"],
    to: (from) => from,
    destructive: false,
  },
  balance_cleared: { label: "Balance paid", from: OPEN, to: to("paid"), destructive: false },
  delivery_failed: {
    label: "Message failed",
    from: ["active", "will_fail"],
    to: to("failed"),
    destructive: false,
  },
  predicted_to_fail: {
    label: "Next message predicted to fail",
    // From Will Fail too: the reason changed (a new number that is a landline), said once per change.
    from: ["active", "will_fail"],
    to: to("will_fail"),
    destructive: false,
  },
  prediction_cleared: {
    label: "Contact details fixed",
    // Failed too: staff fixing the number or address is what a delivery failure asks for.
    from: ["will_fail", "failed"],
    to: to("active"),
    destructive: false,
  },
  sequence_completed: {
    label: "Sequence completed",
    from: ["active"],
    to: to("expired"),
    destructive: false,
  },
};

export type InvoiceSetDecision =
  | { ok: true; from: InvoiceSetStatus; to: InvoiceSetStatus }
  | { ok: false; from: InvoiceSetStatus; reason: string };

/** Why an action cannot run from a status, in words staff can act on. */
export function invoiceSetRefusal(action: InvoiceSetAction, from: InvoiceSetStatus): string {
  const label = INVOICE_SET_TRANSITIONS[action].label;
  switch (from) {
    case "paid":
      return `${label} isn't possible: this invoice set is already paid.`;
    case "cancelled":
      return `${label} isn't possible: this invoice set was cancelled.`;
    case "written_off":
      return `${label} isn't possible: this invoice set was written off.`;
    case "collections":
      return `${label} isn't possible: this invoice set was sent to collections.`;
    default:
      return `${label} isn't possible while the invoice set is ${INVOICE_SET_STATUS_LABELS[from]}.`;
  }
}

export function decideInvoiceSetTransition(
  from: InvoiceSetStatus,
  action: InvoiceSetAction,
  ctx: InvoiceSetTransitionContext = {},
): InvoiceSetDecision {
  const rule = INVOICE_SET_TRANSITIONS[action];
  if (!rule.from.includes(from)) return { ok: false, from, reason: invoiceSetRefusal(action, from) };
  return { ok: true, from, to: rule.to(from, ctx) };
}

/** The staff actions offered for a set in this status, in the order the UI shows them. */
export function allowedStaffInvoiceSetActions(status: InvoiceSetStatus): StaffInvoiceSetAction[] {
  return STAFF_INVOICE_SET_ACTIONS.filter((action) => INVOICE_SET_TRANSITIONS[action].from.includes(status));
}

/** Statuses from which an action may start; used by set-based (bulk) updates. */
export function invoiceSetStatusesAllowing(action: InvoiceSetAction): readonly InvoiceSetStatus[] {
  return INVOICE_SET_TRANSITIONS[action].from;
}
