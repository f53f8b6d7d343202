import { describe, expect, test } from "vitest";
import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { parseDateOfBirth } from "@/lib/patient-portal/date-of-birth-input";
import { checkPaymentAmount } from "@/lib/patient-portal/payment-amount";
import { createVerificationValue, isVerifiedFor } from "@/lib/patient-portal/verification-cookie";
import { stripeConnectionOptions } from "@/lib/stripe/client";

const today = new Date("2026-11-22T12:00:00Z");
const SECRET = "unit-secret-that-is-long-enough-0123456789";
const LINK = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

describe("date of birth input", () => {
  test.each([
    [
      { month: "4", day: "12", year: "1985" },
      { ok: true, value: "1985-04-12" },
    ],
    [
      { month: "02", day: "29", year: "2000" },
      { ok: true, value: "2000-02-29" },
    ],
    [
      { month: "02", day: "29", year: "2001" },
      { ok: false, message: "That date doesn't exist. Check the month and day." },
    ],
    [
      { month: "13", day: "1", year: "1985" },
      { ok: false, message: "Enter a real month." },
    ],
    [
      { month: "", day: "1", year: "1985" },
      { ok: false, message: "Enter the month as a number." },
    ],
    [
      { month: "1", day: "1", year: "85" },
      { ok: false, message: "Enter the year with four digits, for example 1985." },
    ],
    [
      { month: "12", day: "31", year: "2026" },
      { ok: false, message: "The date of birth can't be in the future." },
    ],
    [
      { month: null, day: "1", year: "1985" },
      { ok: false, message: "Enter the month." },
    ],
  ])("%j → %j", (raw, expected) => {
    expect(parseDateOfBirth(raw, today)).toEqual(expected);
  });
});

describe("online payment amount", () => {
  test.each([
    [
      { requestedCents: 12345, balanceCents: 12345, minimumCents: 100 },
      { ok: true, amountCents: 12345 },
    ],
    [
      { requestedCents: 100, balanceCents: 12345, minimumCents: 100 },
      { ok: true, amountCents: 100 },
    ],
    [
      { requestedCents: 99, balanceCents: 12345, minimumCents: 100 },
      { ok: false, message: "The smallest online payment is $1.00." },
    ],
    [
      { requestedCents: 50, balanceCents: 50, minimumCents: 100 },
      { ok: true, amountCents: 50 },
    ],
    [
      { requestedCents: 12346, balanceCents: 12345, minimumCents: 100 },
      { ok: false, message: "You can pay at most your balance, $123.45." },
    ],
    [
      { requestedCents: null, balanceCents: 500, minimumCents: 100 },
      { ok: false, message: "Enter an amount in dollars and cents, for example 25.00." },
    ],
    [
      { requestedCents: 100, balanceCents: 0, minimumCents: 100 },
      { ok: false, message: "There is nothing left to pay on this statement." },
    ],
  ])("%j → %j", (input, expected) => {
    expect(checkPaymentAmount(input)).toEqual(expected);
  });
});

describe("verification cookie", () => {
  const now = new Date("2026-11-22T15:00:00Z");
  const { value } = createVerificationValue(LINK, now, SECRET);

  test("is valid for its link for 30 minutes", () => {
    expect(isVerifiedFor(value, LINK, new Date(now.getTime() + 29 * 60_000), SECRET)).toBe(true);
    expect(isVerifiedFor(value, LINK, new Date(now.getTime() + 30 * 60_000), SECRET)).toBe(false);
  });

  test("cannot be moved to another link, re-signed with another secret, extended or mangled", () => {
    expect(isVerifiedFor(value, "0f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", now, SECRET)).toBe(false);
    expect(isVerifiedFor(value, LINK, now, "another-secret-that-is-long-enough-0123456789")).toBe(false);
    const [id, , signature] = value.split(".");
    expect(isVerifiedFor(`${id}.${now.getTime() + 3_600_000}.${signature}`, LINK, now, SECRET)).toBe(false);
    expect(isVerifiedFor(undefined, LINK, now, SECRET)).toBe(false);
    expect(isVerifiedFor("garbage", LINK, now, SECRET)).toBe(false);
  });
});

describe("patient-facing dates", () => {
  test("a moment is shown on the patient's calendar; a service date as written", () => {
    const lateEvening = new Date("2026-11-21T03:30:00Z"); // 19:30 on Nov 20 in Los Angeles, 03:30 on Nov 21 in London
    expect(formatDateInZone(lateEvening, "America/Los_Angeles")).toBe("Nov 20, 2026");
    expect(formatDateInZone(lateEvening, "Europe/London")).toBe("Nov 21, 2026");
    expect(formatCalendarDate("2026-10-01")).toBe("Oct 1, 2026");
    expect(formatCalendarDate(null)).toBe("—");
  });

  test("STRIPE_API_ORIGIN becomes the SDK's host, port and protocol", () => {
    expect(stripeConnectionOptions("http://127.0.0.1:12111")).toEqual({
      host: "127.0.0.1",
      port: "12111",
      protocol: "http",
    });
    expect(stripeConnectionOptions(undefined)).toEqual({});
  });
});
