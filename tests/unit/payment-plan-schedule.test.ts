import { describe, expect, test } from "vitest";
import { startOfCalendarDate } from "@/lib/format/dates";
import {
  computeSchedule,
  coverInstallments,
  nthDueDate,
  type ScheduleRequest,
} from "@/lib/payment-plans/compute-schedule";

const base: ScheduleRequest = {
  totalCents: 10000,
  downPaymentCents: 0,
  split: { kind: "count", count: 3 },
  frequency: "monthly",
  firstDueOn: "2026-12-01",
  today: "2026-11-28",
  minInstallmentCents: 2500,
};

function amounts(request: Partial<ScheduleRequest>) {
  const result = computeSchedule({ ...base, ...request });
  if (!result.ok) throw new Error(result.message);
  return result.installments.map((item) => item.amountCents);
}

describe("payment plan schedule: amounts", () => {
  test("equal parts; the last installment absorbs the rounding and the total is exact", () => {
    expect(amounts({})).toEqual([3333, 3333, 3334]);
    expect(amounts({ totalCents: 10001, split: { kind: "count", count: 4 } })).toEqual([2500, 2500, 2500, 2501]);
    const parts = amounts({ totalCents: 123457, split: { kind: "count", count: 12 } });
    expect(parts.reduce((a, b) => a + b, 0)).toBe(123457);
  });

  test("amount per installment: full parts then the rest; a rest under the minimum joins the last", () => {
    expect(amounts({ split: { kind: "amount", amountCents: 3500 } })).toEqual([3500, 3500, 3000]);
    expect(amounts({ split: { kind: "amount", amountCents: 4500 } })).toEqual([4500, 5500]);
    expect(amounts({ split: { kind: "amount", amountCents: 5000 } })).toEqual([5000, 5000]);
  });

  test("a down payment is due today and the rest is split", () => {
    const result = computeSchedule({ ...base, downPaymentCents: 1000 });
    expect(result).toEqual({
      ok: true,
      installments: [
        { seq: 0, dueOn: "2026-11-28", amountCents: 1000, isDownPayment: true },
        { seq: 1, dueOn: "2026-12-01", amountCents: 3000, isDownPayment: false },
        { seq: 2, dueOn: "2027-01-01", amountCents: 3000, isDownPayment: false },
        { seq: 3, dueOn: "2027-02-01", amountCents: 3000, isDownPayment: false },
      ],
    });
  });

  test("refusals name the field and the limit", () => {
    expect(computeSchedule({ ...base, split: { kind: "count", count: 12 } })).toEqual({
      ok: false,
      field: "count",
      message: "12 installments would be $8.33 each; the clinic's minimum is $25.00. Choose fewer installments.",
    });
    expect(computeSchedule({ ...base, split: { kind: "amount", amountCents: 1000 } })).toMatchObject({
      ok: false,
      field: "amountCents",
      message: "The clinic's smallest installment is $25.00.",
    });
    expect(computeSchedule({ ...base, downPaymentCents: 10000 })).toMatchObject({
      ok: false,
      field: "downPaymentCents",
    });
    expect(computeSchedule({ ...base, firstDueOn: "2026-11-27" })).toMatchObject({
      ok: false,
      field: "firstDueOn",
      message: "The first payment date can't be in the past.",
    });
    expect(computeSchedule({ ...base, firstDueOn: "2026-02-30" })).toMatchObject({ ok: false, field: "firstDueOn" });
    expect(computeSchedule({ ...base, split: { kind: "count", count: 0 } })).toMatchObject({
      ok: false,
      field: "count",
    });
    expect(computeSchedule({ ...base, totalCents: 0 })).toMatchObject({ ok: false, field: "totalCents" });
  });
});

describe("payment plan schedule: dates", () => {
  test("weekly and every two weeks count calendar days", () => {
    expect([0, 1, 2].map((n) => nthDueDate("2026-12-28", "weekly", n))).toEqual([
      "2026-12-28",
      "2027-01-04",
      "2027-01-11",
    ]);
    expect([0, 1, 2].map((n) => nthDueDate("2026-12-28", "biweekly", n))).toEqual([
      "2026-12-28",
      "2027-01-11",
      "2027-01-25",
    ]);
  });

  test("monthly keeps the day of month, clamped to short months (and leap years)", () => {
    expect([0, 1, 2, 3].map((n) => nthDueDate("2027-01-31", "monthly", n))).toEqual([
      "2027-01-31",
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
    ]);
    expect(nthDueDate("2027-12-31", "monthly", 2)).toBe("2028-02-29");
    expect(nthDueDate("2026-11-15", "monthly", 14)).toBe("2028-01-15");
  });

  test("across a DST change the dates stay put and each is due at local midnight", () => {
    const dates = [0, 1, 2].map((n) => nthDueDate("2027-03-07", "weekly", n));
    expect(dates).toEqual(["2027-03-07", "2027-03-14", "2027-03-21"]);
    // New York springs forward on Mar 14, 2027: midnight moves from 05:00 to 04:00 UTC.
    expect(dates.map((d) => startOfCalendarDate(d, "America/New_York").toISOString())).toEqual([
      "2027-03-07T05:00:00.000Z",
      "2027-03-14T05:00:00.000Z",
      "2027-03-21T04:00:00.000Z",
    ]);
  });
});

describe("payments cover installments in order", () => {
  test("a running total decides which are paid; a part covers partly", () => {
    expect(coverInstallments([3333, 3333, 3334], 0)).toEqual([0, 0, 0]);
    expect(coverInstallments([3333, 3333, 3334], 5000)).toEqual([3333, 1667, 0]);
    expect(coverInstallments([3333, 3333, 3334], 10000)).toEqual([3333, 3333, 3334]);
  });
});
