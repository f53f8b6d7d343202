import { describe, expect, test } from "vitest";
import { contactInputSchema } from "@/lib/patients/contact-input";
import { paymentFormSchema, receivedAtFromDate } from "@/lib/payments/payment-form";

const patientId = "6f1c2b9e-3a4d-4e5f-8a6b-7c8d9e0f1a2b";

describe("contact details", () => {
  test.each([
    { phone: "(202) 555-0143", expected: "+12025550143" },
    { phone: "202.555.0143", expected: "+12025550143" },
    { phone: "+44 20 7946 0958", expected: "+442079460958" },
    { phone: "", expected: null },
  ])("phone $phone → $expected", ({ phone, expected }) => {
    const result = contactInputSchema.parse({ patientId, phone, email: "", timeZone: "America/Chicago" });
    expect(result.phone).toBe(expected);
  });

  test.each(["555-123", "+1555123", "hello"])("an invalid phone %s is refused with a clear message", (phone) => {
    const result = contactInputSchema.safeParse({ patientId, phone, email: "", timeZone: "America/Chicago" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Enter a valid phone number/);
  });

  test("email is trimmed and lower-cased; a bad one is refused; a bad time zone is refused", () => {
    expect(
      contactInputSchema.parse({ patientId, phone: "", email: " Ana@Example.COM ", timeZone: "America/Denver" }).email,
    ).toBe("ana@example.com");
    const bad = contactInputSchema.safeParse({ patientId, phone: "", email: "ana@", timeZone: "Mars/Olympus" });
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual([
      "Enter a valid email address, e.g. name@example.com.",
      "Choose a time zone from the list.",
    ]);
  });
});

describe("payment form", () => {
  test.each([
    { amount: "40", cents: 4000 },
    { amount: "$1,234.56", cents: 123456 },
    { amount: "0.01", cents: 1 },
  ])("amount $amount → $cents cents", ({ amount, cents }) => {
    expect(paymentFormSchema.parse({ method: "cash", amount, reference: "", receivedOn: "2026-11-20" })).toEqual({
      method: "cash",
      amount: cents,
      reference: null,
      receivedOn: "2026-11-20",
    });
  });

  test.each(["0", "0.00", "-5", "12.345", "abc"])("amount %s is refused", (amount) => {
    const result = paymentFormSchema.safeParse({ method: "card", amount, reference: "", receivedOn: "2026-11-20" });
    expect(result.error?.issues[0]?.message).toBe("Enter an amount above $0.00, like 40.00.");
  });

  test("a missing method is refused", () => {
    const result = paymentFormSchema.safeParse({ method: "", amount: "10", receivedOn: "2026-11-20" });
    expect(result.error?.issues[0]?.message).toBe("Choose a payment method: card, cash, check or ACH.");
  });

  test("received date: today is now, an earlier day is noon in the clinic's zone, a future day is refused", () => {
    const now = new Date("2026-11-22T03:00:00Z"); // 22:00 on Nov 21 in New York
    expect(receivedAtFromDate("2026-11-21", "America/New_York", now)).toEqual(now);
    expect(receivedAtFromDate("2026-11-20", "America/New_York", now)?.toISOString()).toBe("2026-11-20T17:00:00.000Z");
    expect(receivedAtFromDate("2026-11-22", "America/New_York", now)).toBeNull();
  });
});
