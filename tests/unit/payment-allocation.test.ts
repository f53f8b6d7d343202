import { describe, expect, test } from "vitest";
import { parseDollarsToCents } from "@/lib/money";
import { allocateOldestFirst } from "@/lib/payments/record-patient-payment";
import { decideInvoiceTransition, type InvoiceFacts } from "@/lib/state-machine/invoice";

/** Applies payments one by one the way the use case does: the state machine decides each step. */
function applyPayments(totalCents: number, paymentsCents: number[]) {
  let facts: InvoiceFacts = {
    status: "issued",
    balanceCents: totalCents,
    paidCents: 0,
    badDebt: false,
    pastDue: false,
  };
  const statuses: string[] = [];
  for (const paymentCents of paymentsCents) {
    const decision = decideInvoiceTransition("record_payment", { ...facts, paymentCents });
    if (!decision.ok) throw new Error(decision.reason);
    const paidCents = facts.paidCents + paymentCents;
    facts = { ...facts, status: decision.to ?? facts.status, paidCents, balanceCents: totalCents - paidCents };
    statuses.push(facts.status);
  }
  return { facts, statuses };
}

describe("balance and status rules in cents", () => {
  test("333 payments of $0.03 and one of $0.01 pay $10.00 exactly", () => {
    const { facts, statuses } = applyPayments(1000, [...Array<number>(333).fill(3), 1]);
    expect(facts).toMatchObject({ status: "paid", balanceCents: 0, paidCents: 1000 });
    expect(statuses.slice(0, -1).every((status) => status === "partially_paid")).toBe(true);
  });

  test("amounts typed in dollars add up without float error ($0.10 + $0.20 ten times = $3.00)", () => {
    const cents = Array.from({ length: 10 }, (_, i) => parseDollarsToCents(i % 2 === 0 ? "0.10" : "0.20") ?? 0);
    const twice = [...cents, ...cents];
    const { facts } = applyPayments(300, twice);
    expect(facts).toMatchObject({ status: "paid", balanceCents: 0 });
  });

  test("a payment of one cent more than the balance is refused", () => {
    expect(() => applyPayments(1000, [999, 2])).toThrow("The payment is more than the balance of $0.01.");
  });

  test.each([
    {
      method: "cash then card then ACH",
      payments: [2500, 2500, 5000],
      statuses: ["partially_paid", "partially_paid", "paid"],
    },
    { method: "one card", payments: [10000], statuses: ["paid"] },
  ])("several payments by $method add up", ({ payments, statuses }) => {
    expect(applyPayments(10000, payments).statuses).toEqual(statuses);
  });
});

describe("allocateOldestFirst", () => {
  const owed = [
    { id: "a", balanceCents: 3000 },
    { id: "b", balanceCents: 5000 },
    { id: "c", balanceCents: 1 },
  ];

  test.each([
    { amount: 1, parts: [["a", 1]] },
    { amount: 3000, parts: [["a", 3000]] },
    {
      amount: 3001,
      parts: [
        ["a", 3000],
        ["b", 1],
      ],
    },
    {
      amount: 8001,
      parts: [
        ["a", 3000],
        ["b", 5000],
        ["c", 1],
      ],
    },
  ])("$amount cents → $parts", ({ amount, parts }) => {
    const result = allocateOldestFirst(amount, owed);
    expect(result.map((part) => [part.item.id, part.amountCents])).toEqual(parts);
    expect(result.reduce((sum, part) => sum + part.amountCents, 0)).toBe(amount);
  });

  test("never gives a part more than its balance", () => {
    for (let amount = 1; amount <= 8001; amount += 97) {
      for (const part of allocateOldestFirst(amount, owed))
        expect(part.amountCents).toBeLessThanOrEqual(part.item.balanceCents);
    }
  });
});
