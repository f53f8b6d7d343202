import { describe, expect, test } from "vitest";
import { patientInputSchema } from "@/lib/patients/patient-input";
import { paymentFormSchema, receivedAtFromDate } from "@/lib/payments/payment-form";

const base = {
  firstName: "Ana",
  lastName: "Lopez",
  dateOfBirth: "1980-02-29",
  phone: "",
  email: "",
  mrn: "",
  timeZone: "America/Chicago",
  preferredLanguage: "",
};

describe("patient details", () => {
  test.each([
    { phone: "(202) 555-0143", expected: "+12025550143" },
    { phone: "202.555.0143", expected: "+12025550143" },
    { phone: "+44 20 7946 0958", expected: "+442079460958" },
    { phone: "", expected: null },
  ])("phone $phone → $expected", ({ phone, expected }) => {
    expect(patientInputSchema.parse({ ...base, phone }).phone).toBe(expected);
  });

  test.each(["555-123", "+1555123", "hello"])("an invalid phone %s is refused with a clear message", (phone) => {
    const result = patientInputSchema.safeParse({ ...base, phone });
    expect(result.error?.issues[0]?.message).toMatch(/^Enter a valid phone number/);
  });

  test("email is trimmed and lower-cased; a bad one is refused; a bad time zone is refused", () => {
    expect(patientInputSchema.parse({ ...base, email: " Ana@Example.COM " }).email).toBe("ana@example.com");
    const bad = patientInputSchema.safeParse({ ...base, email: "ana@", timeZone: "Mars/Olympus" });
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual([
      "Enter a valid email address, e.g. name@example.com.",
      "Choose a time zone from the list.",
    ]);
  });

  test.each([
    { dateOfBirth: "not-a-date", message: "Date of birth is not a date." },
    { dateOfBirth: "1981-02-29", message: "Date of birth is not a date." },
    { dateOfBirth: "2999-01-01", message: "Date of birth is in the future." },
    { dateOfBirth: "1899-12-31", message: "Date of birth is before 1900." },
    { dateOfBirth: "", message: "Enter a date of birth." },
  ])("date of birth $dateOfBirth is refused: $message", ({ dateOfBirth, message }) => {
    expect(patientInputSchema.safeParse({ ...base, dateOfBirth }).error?.issues[0]?.message).toBe(message);
  });

  test("empty MRN, zone and language mean generate / the clinic's / none; a bad MRN or language is refused", () => {
    expect(patientInputSchema.parse({ ...base, timeZone: "" })).toMatchObject({
      mrn: null,
      timeZone: null,
      preferredLanguage: null,
    });
    expect(patientInputSchema.parse({ ...base, mrn: " MRN-1 ", preferredLanguage: "pt-BR" })).toMatchObject({
      mrn: "MRN-1",
      preferredLanguage: "pt-BR",
    });
    expect(patientInputSchema.safeParse({ ...base, mrn: "a b" }).error?.issues[0]?.path).toEqual(["mrn"]);
    expect(patientInputSchema.safeParse({ ...base, preferredLanguage: "Klingon" }).error?.issues[0]?.path).toEqual([
      "preferredLanguage",
    ]);
    expect(patientInputSchema.safeParse({ ...base, firstName: " " }).error?.issues[0]?.message).toBe(
      "Enter a first name.",
    );
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
