import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from "./statuses";

/**
 * The invoice lifecycle (design.md, invoice-statuses.txt) as data. Flags (past due,
 * bad debt) are actions too, so every change of an invoice is decided here.
 */
export const INVOICE_ACTIONS = [
  "issue",
  "delete",
  "record_payment",
  "void",
  "duplicate",
  "mark_bad_debt",
  "edit",
  "flag_past_due",
  "clear_past_due",
] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

/** Facts about the invoice a decision depends on, supplied by the caller. */
export interface InvoiceFacts {
  status: InvoiceStatus;
  balanceCents: number;
  /** Sum of payments received so far. */
  paidCents: number;
  badDebt: boolean;
  pastDue: boolean;
  /** Only needed for record_payment: the amount being paid. */
  paymentCents?: number;
}

interface InvoiceRule {
  label: string;
  from: readonly InvoiceStatus[];
  /** The status after the action; `null` means the invoice is deleted; `same` keeps it. */
  to: (facts: InvoiceFacts) => InvoiceStatus | null | "same";
  /** Extra refusals beyond the status check, in user words; undefined when allowed. */
  refuse?: (facts: InvoiceFacts) => string | undefined;
}

export const INVOICE_TRANSITIONS: Record<InvoiceAction, InvoiceRule> = {
  issue: { label: "Issue", from: ["draft"], to: () => "issued" },
  delete: { label: "Delete", from: ["draft"], to: () => null },
  edit: { label: "Edit", from: ["draft"], to: () => "same" },
  record_payment: {
    label: "Record Payment",
    from: ["issued", "partially_paid"],
    to: (f) => ((f.paymentCents ?? 0) >= f.balanceCents ? "paid" : "partially_paid"),
    refuse: (f) => {
      const amount = f.paymentCents ?? 0;
      if (!Number.isInteger(amount) || amount <= 0) return "The payment amount must be more than $0.00.";
      if (amount > f.balanceCents) return `The payment is more than the balance of ${formatCents(f.balanceCents)}.`;
      return undefined;
    },
  },
  void: {
    label: "Void",
    from: ["issued", "partially_paid"],
    to: () => "voided",
    // Voiding must not silently swallow money received: payments are reversed first.
    refuse: (f) =>
      f.paidCents > 0
        ? `This invoice has ${formatCents(f.paidCents)} in payments. Refund or reverse them before voiding.`
        : undefined,
  },
  duplicate: { label: "Duplicate", from: ["voided"], to: () => "same" },
  mark_bad_debt: {
    label: "Mark Bad Debt",
    from: ["issued", "partially_paid"],
    to: () => "same",
    refuse: (f) => (f.badDebt ? "This invoice is already marked as bad debt." : undefined),
  },
  flag_past_due: {
    label: "Flag Past Due",
    from: ["issued", "partially_paid"],
    to: () => "same",
    refuse: (f) =>
      f.pastDue
        ? "This invoice is already past due."
        : f.balanceCents <= 0
          ? "This invoice has no balance."
          : undefined,
  },
  clear_past_due: {
    label: "Clear Past Due",
    from: ["issued", "partially_paid", "paid", "voided"],
    to: () => "same",
    refuse: (f) => (f.pastDue ? undefined : "This invoice is not past due."),
  },
};

export type InvoiceDecision =
  | { ok: true; from: InvoiceStatus; to: InvoiceStatus | null }
  | { ok: false; from: InvoiceStatus; reason: string };

function statusRefusal(action: InvoiceAction, from: InvoiceStatus): string {
  const label = INVOICE_TRANSITIONS[action].label;
  switch (from) {
    case "paid":
      return `${label} isn't possible: this invoice is paid in full and closed.`;
    case "voided":
      return `${label} isn't possible: this invoice was voided and is closed.`;
    case "draft":
      return `${label} isn't possible: this invoice is still a draft. Issue it first.`;
    default:
      return `${label} isn't possible while the invoice is ${INVOICE_STATUS_LABELS[from]}.`;
  }
}

export function decideInvoiceTransition(action: InvoiceAction, facts: InvoiceFacts): InvoiceDecision {
  const rule = INVOICE_TRANSITIONS[action];
  if (!rule.from.includes(facts.status)) {
    const reason =
      action === "delete"
        ? "Only draft invoices can be deleted; void an issued invoice instead."
        : statusRefusal(action, facts.status);
    return { ok: false, from: facts.status, reason };
  }
  const refusal = rule.refuse?.(facts);
  if (refusal) return { ok: false, from: facts.status, reason: refusal };
  const next = rule.to(facts);
  return { ok: true, from: facts.status, to: next === "same" ? facts.status : next };
}

/** Staff actions shown on the invoice review screen for these facts. */
export const STAFF_INVOICE_ACTIONS = [
  "issue",
  "delete",
  "record_payment",
  "void",
  "mark_bad_debt",
  "duplicate",
] as const satisfies readonly InvoiceAction[];

export function allowedStaffInvoiceActions(facts: Omit<InvoiceFacts, "paymentCents">) {
  return STAFF_INVOICE_ACTIONS.filter((action) => {
    if (action === "record_payment") {
      return INVOICE_TRANSITIONS.record_payment.from.includes(facts.status) && facts.balanceCents > 0;
    }
    return decideInvoiceTransition(action, facts).ok;
  });
}
