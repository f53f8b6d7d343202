import { describe, expect, test } from "vitest";
import {
  decidePaymentPlanTransition,
  PAYMENT_PLAN_TRANSITIONS,
  type PaymentPlanAction,
} from "@/lib/state-machine/payment-plan";
import { PAYMENT_PLAN_STATUSES, type PaymentPlanStatus } from "@/lib/state-machine/statuses";

// Columns follow PAYMENT_PLAN_STATUSES: active, completed, missed, cancelled. `x` = refused.
const x = null;
const EXPECTED: Record<PaymentPlanAction, (PaymentPlanStatus | null)[]> = {
  complete: ["completed", x, x, x],
  miss: ["missed", x, x, x],
  cancel: ["cancelled", x, x, x],
};

const cells = (Object.keys(EXPECTED) as PaymentPlanAction[]).flatMap((action) =>
  PAYMENT_PLAN_STATUSES.map((from, i) => ({ action, from, expected: EXPECTED[action][i] ?? null })),
);

describe("payment plan state machine", () => {
  test("the expected table covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PAYMENT_PLAN_TRANSITIONS).sort());
  });

  test.each(cells)("$action from $from → $expected", ({ action, from, expected }) => {
    const decision = decidePaymentPlanTransition(from, action);
    if (expected === null) {
      expect(decision).toMatchObject({ ok: false, from });
      if (!decision.ok) expect(decision.reason).toMatch(/isn't possible: the payment plan is already/);
    } else {
      expect(decision).toEqual({ ok: true, from, to: expected });
    }
  });

  test("a refusal names the plan's status", () => {
    expect(decidePaymentPlanTransition("missed", "cancel")).toEqual({
      ok: false,
      from: "missed",
      reason: "Cancel plan isn't possible: the payment plan is already Missed.",
    });
  });
});
