import { describe, expect, test } from "vitest";
import {
  allowedStaffInvoiceActions,
  decideInvoiceTransition,
  INVOICE_TRANSITIONS,
  type InvoiceAction,
  type InvoiceFacts,
} from "@/lib/state-machine/invoice";
import { INVOICE_STATUSES, type InvoiceStatus } from "@/lib/state-machine/statuses";

// Facts per status for an invoice of $100.00: open ones owe money, paid ones owe none.
const FACTS: Record<InvoiceStatus, InvoiceFacts> = {
  draft: { status: "draft", balanceCents: 10000, paidCents: 0, badDebt: false, pastDue: false },
  issued: { status: "issued", balanceCents: 10000, paidCents: 0, badDebt: false, pastDue: false },
  partially_paid: { status: "partially_paid", balanceCents: 4000, paidCents: 6000, badDebt: false, pastDue: false },
  paid: { status: "paid", balanceCents: 0, paidCents: 10000, badDebt: false, pastDue: false },
  voided: { status: "voided", balanceCents: 10000, paidCents: 0, badDebt: false, pastDue: false },
};

// Columns: draft, issued, partially_paid, paid, voided. `x` refused; "gone" = deleted; else target.
const x = null;
type Cell = InvoiceStatus | "gone" | null;
const EXPECTED: Record<InvoiceAction, Cell[]> = {
  issue: ["issued", x, x, x, x],
  delete: ["gone", x, x, x, x],
  edit: ["draft", x, x, x, x],
  // A $10.00 payment: leaves a balance in both open statuses.
  record_payment: [x, "partially_paid", "partially_paid", x, x],
  // Partially paid has payments, which must be reversed first.
  void: [x, "voided", x, x, x],
  duplicate: [x, x, x, x, "voided"],
  mark_bad_debt: [x, "issued", "partially_paid", x, x],
  send_to_collections: [x, "issued", "partially_paid", x, x],
  flag_past_due: [x, "issued", "partially_paid", x, x],
  clear_past_due: [x, x, x, x, x],
};

const cells = (Object.keys(EXPECTED) as InvoiceAction[]).flatMap((action) =>
  INVOICE_STATUSES.map((status, i) => ({ action, status, expected: EXPECTED[action][i] ?? null })),
);

describe("invoice state machine", () => {
  test("the expected table covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(INVOICE_TRANSITIONS).sort());
  });

  test.each(cells)("$action on $status → $expected", ({ action, status, expected }) => {
    const decision = decideInvoiceTransition(action, { ...FACTS[status], paymentCents: 1000 });
    if (expected === null) expect(decision.ok).toBe(false);
    else expect(decision).toEqual({ ok: true, from: status, to: expected === "gone" ? null : expected });
  });

  test.each([
    { paymentCents: 4000, to: "paid" },
    { paymentCents: 3999, to: "partially_paid" },
    { paymentCents: 1, to: "partially_paid" },
  ])("a payment of $paymentCents cents on a $40.00 balance → $to", ({ paymentCents, to }) => {
    expect(decideInvoiceTransition("record_payment", { ...FACTS.partially_paid, paymentCents })).toMatchObject({
      ok: true,
      to,
    });
  });

  test.each([
    { paymentCents: 4001, reason: "The payment is more than the balance of $40.00." },
    { paymentCents: 0, reason: "The payment amount must be more than $0.00." },
    { paymentCents: -500, reason: "The payment amount must be more than $0.00." },
    { paymentCents: 10.5, reason: "The payment amount must be more than $0.00." },
  ])("a payment of $paymentCents cents is refused", ({ paymentCents, reason }) => {
    expect(decideInvoiceTransition("record_payment", { ...FACTS.partially_paid, paymentCents })).toEqual({
      ok: false,
      from: "partially_paid",
      reason,
    });
  });

  test("past-due flags clear on paid and voided invoices that carry them", () => {
    expect(decideInvoiceTransition("clear_past_due", { ...FACTS.paid, pastDue: true }).ok).toBe(true);
    expect(decideInvoiceTransition("clear_past_due", { ...FACTS.voided, pastDue: true }).ok).toBe(true);
    expect(decideInvoiceTransition("flag_past_due", { ...FACTS.issued, pastDue: true }).ok).toBe(false);
  });

  test("void with payments asks for a refund first", () => {
    expect(decideInvoiceTransition("void", FACTS.partially_paid)).toEqual({
      ok: false,
      from: "partially_paid",
      reason: "This invoice has $60.00 in payments. Refund or reverse them before voiding.",
    });
  });

  test.each([
    ["draft", ["issue", "delete"]],
    ["issued", ["record_payment", "void", "mark_bad_debt"]],
    ["paid", []],
    ["voided", ["duplicate"]],
  ] as const)("review-screen actions for %s", (status, actions) => {
    expect(allowedStaffInvoiceActions(FACTS[status])).toEqual(actions);
  });
});
