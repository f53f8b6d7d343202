import { formatCents } from "@/lib/money";
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from "./statuses";

/**
 * The invoice lifecycle (design.md, invoice-statuses.txt) as data. Flags (past due, bad
 * debt, sent to collections) are actions too, so every change of an invoice is decided here.
 */
export const INVOICE_ACTIONS = [
  "issue",
  "delete",
  "record_payment",
  "void",
  "duplicate",
  "mark_bad_debt",
  "send_to_collections",
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
  /** Only needed for send_to_collections. */
  sentToCollections?: boolean;
  /** Only needed for record_payment: the amount being paid. */
  paymentCents?: number;
}

/** The flag columns of an invoice; only the actions below write them. */
export interface InvoiceFlags {
  pastDue?: boolean;
  badDebt?: boolean;
  sentToCollections?: boolean;
}

interface InvoiceRule {
  label: string;
  from: readonly InvoiceStatus[];
  /** The status after the action; `null` means the invoice is deleted; `same` keeps it. */
  to: (facts: InvoiceFacts) => InvoiceStatus | null | "same";
  /** Extra refusals beyond the status check, in user words; undefined when allowed. */
  refuse?: (facts: InvoiceFacts) => string | undefined;
  /** The flags the action sets. */
  flags?: InvoiceFlags | ((facts: InvoiceFacts) => InvoiceFlags);
}

export const INVOICE_TRANSITIONS: Record<InvoiceAction, InvoiceRule> = {
  issue: { label: "Issue", from: ["draft"], to: () => "issued" },
  delete: { label: "Delete", from: ["draft"], to: () => null },
  edit: { label: "Edit", from: ["draft"], to: () => "same" },
  record_payment: {
    label: "Record Payment",
    from: ["issued", "partially_paid"],
    to: (f) => (paysInFull(f) ? "paid" : "partially_paid"),
    refuse: (f) => {
      const amount = f.paymentCents ?? 0;
      if (!Number.isInteger(amount) || amount <= 0) return "The payment amount must be more than $0.00.";
      if (amount > f.balanceCents) return `The payment is more than the balance of ${formatCents(f.balanceCents)}.`;
      return undefined;
    },
    // Paid in full is no longer past due.
    flags: (f) => (paysInFull(f) ? { pastDue: false } : {}),
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
    flags: { pastDue: false },
  },
  duplicate: { label: "Duplicate", from: ["voided"], to: () => "same" },
  mark_bad_debt: {
    label: "Mark Bad Debt",
    from: ["issued", "partially_paid"],
    to: () => "same",
    refuse: (f) => (f.badDebt ? "This invoice is already marked as bad debt." : undefined),
    flags: { badDebt: true },
  },
  // Not offered on the review screen: the invoice set's Send to Collections runs it on its open invoices.
  send_to_collections: {
    label: "Send to Collections",
    from: ["issued", "partially_paid"],
    to: () => "same",
    refuse: (f) => (f.sentToCollections ? "This invoice was already sent to collections." : undefined),
    flags: { sentToCollections: true },
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
    flags: { pastDue: true },
  },
  clear_past_due: {
    label: "Clear Past Due",
    from: ["issued", "partially_paid", "paid", "voided"],
    to: () => "same",
    refuse: (f) => (f.pastDue ? undefined : "This invoice is not past due."),
    flags: { pastDue: false },
  },
};

function paysInFull(facts: InvoiceFacts): boolean {
  return (facts.paymentCents ?? 0) >= facts.balanceCents;
}

/** The flags an allowed action sets on an invoice with these facts. */
export function invoiceFlagsAfter(action: InvoiceAction, facts: InvoiceFacts): InvoiceFlags {
  const flags = INVOICE_TRANSITIONS[action].flags;
  return typeof flags === "function" ? flags(facts) : (flags ?? {});
}

/** The flag actions' flags don't depend on facts, so set-based writers can read them as data. */
export type InvoiceFlagAction = "mark_bad_debt" | "send_to_collections" | "flag_past_due" | "clear_past_due";
export function invoiceFlagOf(action: InvoiceFlagAction): { flag: keyof InvoiceFlags; value: boolean } {
  const flags = INVOICE_TRANSITIONS[action].flags;
  const [entry] = typeof flags === "object" ? Object.entries(flags) : [];
  if (!entry) throw new Error(`${action} has no constant flag in the invoice table`);
  return { flag: entry[0] as keyof InvoiceFlags, value: entry[1] };
}

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
