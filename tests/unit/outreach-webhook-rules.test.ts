import { describe, expect, test } from "vitest";
import { classifyTwilioCode, twilioCodeReason } from "@/lib/providers/twilio-codes";
import { canMoveMessage } from "@/lib/state-machine/message";
import { classifyInbound } from "@/lib/webhooks/twilio-inbound";

describe("inbound SMS keywords (whole message, normalised: case, punctuation, spacing)", () => {
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
    ["please stop", "stop_request"],
    ["STOP!", "stop"],
    ["Stop.", "stop"],
    ["  s t o p", "reply"],
    ["Opt out", "stop"],
    ["opt-out!", "stop"],
    ["OptOut", "stop"],
    ["end.", "stop"],
    ["Stop texting me", "stop_request"],
    ["please don't text", "stop_request"],
    ["No more messages please", "stop_request"],
    ["Unstop!", "start"],
    ["I paid", "reply"],
    ["Can I stop by tomorrow to pay?", "stop_request"],
    ["", "reply"],
  ])("%j → %s", (body, kind) => {
    expect(classifyInbound(body)).toBe(kind);
  });

  test("Twilio's OptOutType wins over the text", () => {
    expect(classifyInbound("arrêtez", "STOP")).toBe("stop");
    expect(classifyInbound("yes please", "START")).toBe("start");
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
    ["queued", "sending", true],
    ["sending", "sent", true],
    ["sending", "failed", true],
    ["sent", "sending", false],
    ["failed", "sent", false],
    ["undelivered", "sending", false],
  ] as const)("%s → %s: %s", (from, to, forward) => {
    expect(canMoveMessage(from, to, "advance")).toBe(forward);
  });

  test("the one way back is the retry of a failure, to sending", () => {
    expect(canMoveMessage("undelivered", "sending", "retry")).toBe(true);
    expect(canMoveMessage("failed", "sent", "retry")).toBe(false);
    expect(canMoveMessage("sent", "sending", "retry")).toBe(false);
    expect(canMoveMessage("delivered", "sending", "retry")).toBe(false);
  });
});
