import { describe, expect, test } from "vitest";
import { renderTemplate, sampleTemplateValues, templateProblems } from "@/lib/rule-sets/template";
import { type RuleSetInput, ruleSetInputSchema, ruleSetProblems } from "@/lib/rule-sets/validate-rule-set";

const sample = sampleTemplateValues({ name: "Bright Smile", phone: "+12025550100" }, "https://app.example.com");
const base: RuleSetInput = {
  title: "Standard",
  description: "",
  expiryDays: 30,
  rules: [
    {
      delayDays: 0,
      channels: ["sms", "email"],
      chargeCard: false,
      title: "Statement",
      template: "Hi {{first_name}}, pay here: {{pay_link}}",
    },
    {
      delayDays: 7,
      channels: ["sms"],
      chargeCard: false,
      title: "Reminder",
      template: "Reminder from {{clinic_name}}: {{pay_link}}",
    },
  ],
};

describe("templates", () => {
  test("renders known variables", () => {
    expect(renderTemplate("Hi {{ first_name }}, {{balance}} at {{clinic_name}}", sample)).toBe(
      "Hi Christopher, $1,234.56 at Bright Smile",
    );
  });
  test("names an unknown variable and lists the allowed ones", () => {
    expect(templateProblems("Hi {{firstname}}")).toEqual([
      "Unknown variable {{firstname}}. Use one of: {{first_name}}, {{balance}}, {{clinic_name}}, {{clinic_phone}}, {{pay_link}}.",
    ]);
  });
  test("an unclosed variable is refused", () => {
    expect(templateProblems("Hi {{first_name")).toEqual(["A variable is not closed: write it as {{first_name}}."]);
  });
});

describe("ruleSetProblems", () => {
  test("a good rule set has none", () => {
    expect(ruleSetProblems(base, sample)).toEqual({});
  });
  test("expiry must be at least one day after the last rule", () => {
    expect(ruleSetProblems({ ...base, expiryDays: 7 }, sample)).toEqual({
      expiryDays: ["Expiry must be at least 1 day after the last rule (day 7), so day 8 or later."],
    });
  });
  test("two rules on one day are refused", () => {
    const rules = [base.rules[0], { ...base.rules[1], delayDays: 0 }] as RuleSetInput["rules"];
    expect(ruleSetProblems({ ...base, rules }, sample)["rules.1.delayDays"]).toEqual([
      "Day 0 is already used by rule 1; put both methods on one rule.",
    ]);
  });
  test("an SMS that would exceed three segments is refused, an email of the same length is fine", () => {
    const long = `${"Please pay. ".repeat(40)}{{pay_link}}`;
    const sms = {
      ...base,
      rules: [{ delayDays: 0, channels: ["sms" as const], chargeCard: false, title: "Long", template: long }],
    };
    expect(ruleSetProblems(sms, sample)["rules.0.template"]?.[0]).toMatch(
      /would need 4 SMS segments \(GSM-7, \d+ characters/,
    );
    const email = {
      ...base,
      rules: [{ delayDays: 0, channels: ["email" as const], chargeCard: false, title: "Long", template: long }],
    };
    expect(ruleSetProblems(email, sample)).toEqual({});
  });
  test("the schema refuses a method twice on one day", () => {
    const parsed = ruleSetInputSchema.safeParse({ ...base, rules: [{ ...base.rules[0], channels: ["sms", "sms"] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Each method can be used at most once a day.");
  });

  test("Charge Card may stand alone without a message; a rule with no method at all is refused", () => {
    const charge = { delayDays: 3, channels: [], chargeCard: true, title: "Charge the card", template: "" };
    const parsed = ruleSetInputSchema.safeParse({ ...base, rules: [charge] });
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(ruleSetProblems(parsed.data, sample)).toEqual({});
    const none = ruleSetInputSchema.safeParse({ ...base, rules: [{ ...charge, chargeCard: false }] });
    expect(none.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["rules.0.channels", "Choose at least one method (SMS, Email or Charge Card)."],
    ]);
    const silent = ruleSetInputSchema.safeParse({ ...base, rules: [{ ...charge, channels: ["sms"] }] });
    expect(silent.error?.issues.map((issue) => issue.path.join("."))).toEqual(["rules.0.template"]);
  });
});
