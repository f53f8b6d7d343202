import { describe, expect, test } from "vitest";
import { type PatientContact, predictDelivery } from "@/lib/outreach/predict-delivery";

const good: PatientContact = {
  phone: "+12025550143",
  email: "jamie@example.com",
  smsOptedOutAt: null,
  phoneIsLandline: false,
  phoneUnusableReason: null,
  emailUndeliverableAt: null,
  emailUndeliverableReason: null,
};

describe("predictDelivery", () => {
  test.each<[string, Partial<PatientContact>, string]>([
    ["missing phone", { phone: null }, "No phone number on file"],
    ["invalid phone", { phone: "+1555123" }, "Phone number +1555123 is not valid"],
    ["opted out", { smsOptedOutAt: new Date("2026-01-01T00:00:00Z") }, "Patient opted out of texts (replied STOP)"],
    ["landline", { phoneIsLandline: true }, "Phone number is a landline and can't receive texts"],
  ])("SMS only, %s → Will Fail with the reason", (_name, change, reason) => {
    expect(predictDelivery(["sms"], { ...good, ...change })).toMatchObject({ willFail: true, reason, usable: [] });
  });

  test("email bounced → Will Fail with the bounce reason", () => {
    const patient = {
      ...good,
      emailUndeliverableAt: new Date(),
      emailUndeliverableReason: "Email bounced: mailbox does not exist",
    };
    expect(predictDelivery(["email"], patient)).toMatchObject({
      willFail: true,
      reason: "Email bounced: mailbox does not exist",
    });
  });

  test("missing or malformed email", () => {
    expect(predictDelivery(["email"], { ...good, email: null }).reason).toBe("No email address on file");
    expect(predictDelivery(["email"], { ...good, email: "not-an-email" }).reason).toBe(
      "Email address not-an-email is not valid",
    );
  });

  test("one working channel: send it, skip the other, not Will Fail", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null });
    expect(prediction).toEqual({
      usable: ["email"],
      skipped: [{ channel: "sms", reason: "No phone number on file" }],
      willFail: false,
      reason: null,
    });
  });

  test("no channel left names both reasons", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null, email: null });
    expect(prediction.reason).toBe("No channel left: Text: No phone number on file; Email: No email address on file");
  });

  test("good contact details send everything", () => {
    expect(predictDelivery(["sms", "email"], good)).toEqual({
      usable: ["sms", "email"],
      skipped: [],
      willFail: false,
      reason: null,
    });
  });
});
