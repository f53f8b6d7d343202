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
    expect(predictDelivery(["sms"], { ...good, ...change }, false)).toMatchObject({
      willFail: true,
      reason,
      usable: [],
    });
  });

  test("email bounced → Will Fail with the bounce reason", () => {
    const patient = {
      ...good,
      emailUndeliverableAt: new Date(),
      emailUndeliverableReason: "Email bounced: mailbox does not exist",
    };
    expect(predictDelivery(["email"], patient, false)).toMatchObject({
      willFail: true,
      reason: "Email bounced: mailbox does not exist",
    });
  });

  test("missing or malformed email", () => {
    expect(predictDelivery(["email"], { ...good, email: null }, false).reason).toBe("No email address on file");
    expect(predictDelivery(["email"], { ...good, email: "not-an-email" }, false).reason).toBe(
      "Email address not-an-email is not valid",
    );
  });

  test("one working channel: send it, skip the other, not Will Fail", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null }, false);
    expect(prediction).toEqual({
      usable: ["email"],
      skipped: [{ channel: "sms", reason: "No phone number on file" }],
      willFail: false,
      reason: null,
    });
  });

  test("no channel left names both reasons", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null, email: null }, false);
    expect(prediction.reason).toBe("No channel left: Text: No phone number on file; Email: No email address on file");
  });

  test("good contact details send everything", () => {
    expect(predictDelivery(["sms", "email"], good, false)).toEqual({
      usable: ["sms", "email"],
      skipped: [],
      willFail: false,
      reason: null,
    });
  });

  test("Charge Card: skipped without a card on file when a channel works; alone, Will Fail with No card on file", () => {
    expect(predictDelivery(["sms", "card"], good, false)).toEqual({
      usable: ["sms"],
      skipped: [{ channel: "card", reason: "No card on file" }],
      willFail: false,
      reason: null,
    });
    expect(predictDelivery(["card"], good, false)).toMatchObject({ willFail: true, reason: "No card on file" });
    expect(predictDelivery(["card"], { ...good, phone: null, email: null }, true)).toMatchObject({
      willFail: false,
      usable: ["card"],
    });
  });
});
