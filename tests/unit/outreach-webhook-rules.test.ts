import { describe, expect, test } from "vitest";
import { classifyTwilioCode, twilioCodeReason } from "@/lib/providers/twilio-codes";
import { isForwardStatus } from "@/lib/webhooks/apply-message-status";
import { classifyInbound } from "@/lib/webhooks/twilio-inbound";

describe("inbound SMS keywords (whole message, any case, trimmed)", () => {
  test.each([
    ["STOP", "stop"],
    ["stop", "stop"],
    [" Unsubscribe\n", "stop"],
    ["END", "stop"],
    ["quit", "stop"],
    ["STOPALL", "stop"],
    ["Revoke", "stop"],
    ["OPTOUT", "stop"],
    ["cancel", "stop"],
    ["START", "start"],
    ["unstop", "start"],
    ["help", "help"],
    ["please stop", "reply"],
    ["STOP!", "reply"],
    ["I paid", "reply"],
    ["", "reply"],
  ])("%j → %s", (body, kind) => {
    expect(classifyInbound(body)).toBe(kind);
  });
});

describe("Twilio error codes", () => {
  test.each([
    ["21211", "permanent"],
    ["21610", "permanent"],
    ["21614", "permanent"],
    ["30005", "permanent"],
    ["30006", "permanent"],
    ["30003", "temporary"],
    ["30001", "temporary"],
    ["30008", "unknown"],
    ["12345", "unknown"],
  ])("%s is %s", (code, kind) => {
    expect(classifyTwilioCode(code)).toBe(kind);
  });
  test("reasons staff can read", () => {
    expect(twilioCodeReason("30006")).toBe("Landline: this number can't receive texts (Twilio 30006)");
    expect(twilioCodeReason("30003")).toBe("Temporarily unreachable (Twilio 30003)");
    expect(twilioCodeReason("39999")).toBe("Unrecognised delivery error (Twilio 39999)");
  });
});

describe("message status never moves backwards", () => {
  test.each([
    ["queued", "sent", true],
    ["sent", "delivered", true],
    ["delivered", "sent", false],
    ["sent", "queued", false],
    ["delivered", "complained", true],
    ["undelivered", "delivered", false],
    ["failed", "undelivered", false],
    ["bounced", "delivered", false],
  ] as const)("%s → %s: %s", (from, to, forward) => {
    expect(isForwardStatus(from, to)).toBe(forward);
  });
});
