import { describe, expect, test } from "vitest";
import { type ContactFacts, explainContactProblem } from "@/lib/invoice-sets/explain-contact-problem";

const ok: ContactFacts = {
  phone: "+12025550143",
  email: "pat@example.com",
  smsOptedOutAt: null,
  phoneIsLandline: false,
  phoneUnusableReason: null,
  emailUndeliverableAt: null,
  emailUndeliverableReason: null,
};

describe("explainContactProblem", () => {
  test.each([
    [{ smsOptedOutAt: new Date("2026-10-02T15:00:00Z") }, ["Opted out of texts on Oct 2"], true, true],
    [{ phone: null }, ["No phone number on file"], true, true],
    [
      { phoneIsLandline: true, phoneUnusableReason: "Landline: this number can't receive texts (Twilio 30006)" },
      ["Number is a landline (30006)"],
      true,
      true,
    ],
    [{ phone: "+1555123" }, ["Phone number is not valid"], true, true],
    [{ emailUndeliverableAt: new Date("2026-11-03T20:00:00Z") }, ["Email bounced on Nov 3"], false, false],
    [{ phone: null, email: null }, ["No phone number on file", "No email address on file"], true, false],
    [{}, [], false, true],
  ])("%j → %j", (facts, reasons, textsBlocked, emailUsable) => {
    expect(explainContactProblem({ ...ok, ...facts }, "America/New_York")).toEqual({
      reasons,
      textsBlocked,
      emailUsable,
    });
  });

  test("dates are the clinic's days", () => {
    // 02:00 UTC on Oct 3 is still Oct 2 in New York.
    const problem = explainContactProblem(
      { ...ok, smsOptedOutAt: new Date("2026-10-03T02:00:00Z") },
      "America/New_York",
    );
    expect(problem.reasons).toEqual(["Opted out of texts on Oct 2"]);
  });
});
