/** Status values and their on-screen names. Shared by the schema, zod, URLs and the UI. */

export const INVOICE_STATUSES = ["draft", "issued", "partially_paid", "paid", "voided"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  issued: "Issued",
  partially_paid: "Partially Paid",
  paid: "Paid",
  voided: "Voided",
};

export const INVOICE_SET_STATUSES = [
  "active",
  "paused",
  "expired",
  "will_fail",
  "failed",
  "paid",
  "cancelled",
  "written_off",
  "collections",
] as const;
export type InvoiceSetStatus = (typeof INVOICE_SET_STATUSES)[number];

export const OPEN_INVOICE_SET_STATUSES = [
  "active",
  "paused",
  "expired",
  "will_fail",
  "failed",
] as const satisfies readonly InvoiceSetStatus[];

export const INVOICE_SET_STATUS_LABELS: Record<InvoiceSetStatus, string> = {
  active: "Active",
  paused: "Paused",
  expired: "Expired",
  will_fail: "Will Fail",
  failed: "Failed",
  paid: "Paid",
  cancelled: "Cancelled",
  written_off: "Written Off",
  collections: "Collections",
};

export function isOpenInvoiceSetStatus(status: InvoiceSetStatus): boolean {
  return (OPEN_INVOICE_SET_STATUSES as readonly InvoiceSetStatus[]).includes(status);
}

export const PAYMENT_PLAN_STATUSES = ["active", "completed", "missed", "cancelled"] as const;
export type PaymentPlanStatus = (typeof PAYMENT_PLAN_STATUSES)[number];

export const PAYMENT_PLAN_STATUS_LABELS: Record<PaymentPlanStatus, string> = {
  active: "Active",
  completed: "Completed",
  missed: "Missed",
  cancelled: "Cancelled",
};

/** One off-session charge of a card on file (autopay, Charge Card): pending until Stripe answers. */
export const CARD_CHARGE_STATUSES = ["pending", "succeeded", "failed"] as const;
export type CardChargeStatus = (typeof CARD_CHARGE_STATUSES)[number];
