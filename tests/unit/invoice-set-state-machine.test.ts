import { describe, expect, test } from "vitest";
import {
  allowedStaffInvoiceSetActions,
  decideInvoiceSetTransition,
  INVOICE_SET_TRANSITIONS,
  type InvoiceSetAction,
} from "@/lib/state-machine/invoice-set";
import { INVOICE_SET_STATUSES, type InvoiceSetStatus } from "@/lib/state-machine/statuses";

// The table from design.md, written out cell by cell: `x` = refused, otherwise the target.
// Columns follow INVOICE_SET_STATUSES: active, paused, expired, will_fail, failed, paid, cancelled, written_off, collections.
const x = null;
const EXPECTED: Record<InvoiceSetAction, (InvoiceSetStatus | null)[]> = {
  write_off: ["written_off", "written_off", "written_off", "written_off", "written_off", x, x, x, x],
  send_to_collections: ["collections", "collections", "collections", "collections", "collections", x, x, x, x],
  change_rule_set: ["active", "paused", "active", "will_fail", "failed", x, x, x, x],
  pause: ["paused", x, x, "paused", "paused", x, x, x, x],
  resume: [x, "active", x, x, x, x, x, x, x],
  cancel: ["cancelled", "cancelled", "cancelled", "cancelled", "cancelled", x, x, x, x],
  balance_cleared: ["paid", "paid", "paid", "paid", "paid", x, x, x, x],
  delivery_failed: ["failed", x, x, "failed", x, x, x, x, x],
  predicted_to_fail: ["will_fail", x, x, "will_fail", x, x, x, x, x],
  prediction_cleared: [x, x, x, "active", "active", x, x, x, x],
  sequence_completed: ["expired", x, x, x, x, x, x, x, x],
  start_payment_plan: ["active", "active", "active", "active", "active", x, x, x, x],
  payment_plan_ended: ["active", "paused", x, "will_fail", "failed", x, x, x, x],
};

const cells = (Object.keys(EXPECTED) as InvoiceSetAction[]).flatMap((action) =>
  INVOICE_SET_STATUSES.map((from, i) => ({ action, from, expected: EXPECTED[action][i] ?? null })),
);

describe("invoice set state machine", () => {
  test("the expected table covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(INVOICE_SET_TRANSITIONS).sort());
  });

  test.each(cells)("$action from $from → $expected", ({ action, from, expected }) => {
    const decision = decideInvoiceSetTransition(from, action);
    if (expected === null) {
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.reason).toMatch(/isn't possible/);
    } else {
      expect(decision).toEqual({ ok: true, from, to: expected });
    }
  });

  test("resume lands on Will Fail when the next send is predicted to fail", () => {
    expect(decideInvoiceSetTransition("paused", "resume", { nextSendPredictedToFail: true })).toEqual({
      ok: true,
      from: "paused",
      to: "will_fail",
    });
  });

  test("refusals name the reason in staff words", () => {
    const decision = decideInvoiceSetTransition("paid", "pause");
    expect(decision).toEqual({
      ok: false,
      from: "paid",
      reason: "Pause isn't possible: this invoice set is already paid.",
    });
  });

  test.each([
    ["active", ["write_off", "send_to_collections", "change_rule_set", "pause", "cancel"]],
    ["paused", ["write_off", "send_to_collections", "change_rule_set", "resume", "cancel"]],
    ["expired", ["write_off", "send_to_collections", "change_rule_set", "cancel"]],
    ["paid", []],
    ["collections", []],
  ] as const)("staff actions offered from %s", (status, actions) => {
    expect(allowedStaffInvoiceSetActions(status)).toEqual(actions);
  });
});
