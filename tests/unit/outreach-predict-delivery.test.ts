import { describe, expect, test } from "vitest";
import { channelProblem, type PatientContact, predictDelivery } from "@/lib/outreach/predict-delivery";

const good: PatientContact = {
  phone: "+12025550143",
  email: "jamie@example.com",
  smsOptedOutAt: null,
  phoneIsLandline: false,
  phoneUnusableReason: null,
  emailUndeliverableAt: null,
  emailUndeliverableReason: null,
};
const ZONE = "America/New_York";
const FACTS = { timeZone: ZONE, hasCardOnFile: false };
const WITH_CARD = { timeZone: ZONE, hasCardOnFile: true };

describe("predictDelivery", () => {
  test.each<[string, Partial<PatientContact>, string]>([
    ["missing phone", { phone: null }, "No phone number on file"],
    ["invalid phone", { phone: "+1555123" }, "Phone number is not valid"],
    ["opted out", { smsOptedOutAt: new Date("2026-10-02T15:00:00Z") }, "Opted out of texts on Oct 2"],
    [
      "landline, as Twilio said",
      { phoneIsLandline: true, phoneUnusableReason: "Landline: this number can't receive texts (Twilio 30006)" },
      "Number is a landline (30006)",
    ],
    ["landline, no code", { phoneIsLandline: true }, "Number is a landline"],
    [
      "number out of service",
      { phoneUnusableReason: "Number unknown or no longer in service (Twilio 30005)" },
      "Number unknown or no longer in service (Twilio 30005)",
    ],
  ])("SMS only, %s → Will Fail with the reason", (_name, change, reason) => {
    expect(predictDelivery(["sms"], { ...good, ...change }, FACTS)).toMatchObject({
      willFail: true,
      reason,
      usable: [],
    });
  });

  test("email bounced → Will Fail with the day it bounced, in the clinic's zone", () => {
    const patient = {
      ...good,
      // 02:00 UTC on Nov 4 is still Nov 3 in New York.
      emailUndeliverableAt: new Date("2026-11-04T02:00:00Z"),
      emailUndeliverableReason: "Email bounced: mailbox does not exist",
    };
    expect(predictDelivery(["email"], patient, FACTS)).toMatchObject({
      willFail: true,
      reason: "Email bounced on Nov 3",
    });
    const complained = { ...patient, emailUndeliverableReason: "Patient marked the email as spam" };
    expect(channelProblem("email", complained, ZONE)).toBe("Patient marked the email as spam (Nov 3)");
  });

  test("missing or malformed email", () => {
    expect(predictDelivery(["email"], { ...good, email: null }, FACTS).reason).toBe("No email address on file");
    expect(predictDelivery(["email"], { ...good, email: "not-an-email" }, FACTS).reason).toBe(
      "Email address is not valid",
    );
  });

  test("one working channel: send it, skip the other, not Will Fail", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null }, FACTS);
    expect(prediction).toEqual({
      usable: ["email"],
      skipped: [{ channel: "sms", reason: "No phone number on file" }],
      willFail: false,
      reason: null,
    });
  });

  test("no channel left names both reasons, as the row does", () => {
    const prediction = predictDelivery(["sms", "email"], { ...good, phone: null, email: null }, FACTS);
    expect(prediction.reason).toBe("No phone number on file · No email address on file");
  });

  test("good contact details send everything", () => {
    expect(predictDelivery(["sms", "email"], good, FACTS)).toEqual({
      usable: ["sms", "email"],
      skipped: [],
      willFail: false,
      reason: null,
    });
  });

  test("Charge Card: skipped without a card on file when a channel works; alone, Will Fail with No card on file", () => {
    expect(predictDelivery(["sms", "card"], good, FACTS)).toEqual({
      usable: ["sms"],
      skipped: [{ channel: "card", reason: "No card on file" }],
      willFail: false,
      reason: null,
    });
    expect(predictDelivery(["card"], good, FACTS)).toMatchObject({ willFail: true, reason: "No card on file" });
    expect(predictDelivery(["card"], { ...good, phone: null, email: null }, WITH_CARD)).toMatchObject({
      willFail: false,
      usable: ["card"],
    });
  });
});
