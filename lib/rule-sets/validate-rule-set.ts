import { z } from "zod";
import { countSmsSegments, MAX_SMS_SEGMENTS } from "@/lib/outreach/sms-segments";
import { renderTemplate, type TemplateValues, templateProblems } from "./template";

const channelSchema = z.enum(["sms", "email"]);

export const ruleInputSchema = z
  .object({
    delayDays: z.coerce
      .number()
      .int("Delay must be a whole number of days.")
      .min(0, "Delay can't be negative.")
      .max(365, "Delay can be at most 365 days."),
    channels: z
      .array(channelSchema)
      .refine((channels) => new Set(channels).size === channels.length, "Each method can be used at most once a day."),
    /** "Charge Card": one rule per day, so at most one charge a day. */
    chargeCard: z.boolean().default(false),
    title: z.string().trim().min(1, "Give the rule a title.").max(120, "Keep the title under 120 characters."),
    template: z.string().trim().max(2000, "Keep the message under 2,000 characters."),
  })
  .superRefine((rule, ctx) => {
    if (rule.channels.length === 0 && !rule.chargeCard)
      ctx.addIssue({
        code: "custom",
        path: ["channels"],
        message: "Choose at least one method (SMS, Email or Charge Card).",
      });
    // A Charge Card-only rule sends no message (the receipt tells the patient).
    if (rule.channels.length > 0 && rule.template === "")
      ctx.addIssue({ code: "custom", path: ["template"], message: "Write the message." });
  });

export const ruleSetInputSchema = z.object({
  title: z.string().trim().min(1, "Give the rule set a title.").max(120, "Keep the title under 120 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  expiryDays: z.coerce
    .number()
    .int("Expiry must be a whole number of days.")
    .min(1, "Expiry must be at least 1 day.")
    .max(730, "Expiry can be at most 730 days."),
  rules: z.array(ruleInputSchema).min(1, "Add at least one rule.").max(30, "A rule set can have at most 30 rules."),
});

export type RuleInput = z.infer<typeof ruleInputSchema>;
export type RuleSetInput = z.infer<typeof ruleSetInputSchema>;

/**
 * Checks beyond the shape: one rule per day, expiry after the last rule, known variables,
 * and SMS messages that fit in three segments with realistic (long) sample values.
 * Returns field errors keyed like the form ("rules.1.template"); empty when valid.
 */
export function ruleSetProblems(input: RuleSetInput, sample: TemplateValues): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  const seenDays = new Map<number, number>();
  input.rules.forEach((rule, index) => {
    const earlier = seenDays.get(rule.delayDays);
    if (earlier !== undefined) {
      add(
        `rules.${index}.delayDays`,
        `Day ${rule.delayDays} is already used by rule ${earlier + 1}; put both methods on one rule.`,
      );
    } else seenDays.set(rule.delayDays, index);
    // A Charge Card-only rule may leave the message empty.
    if (rule.channels.length > 0 || rule.template !== "")
      for (const problem of templateProblems(rule.template)) add(`rules.${index}.template`, problem);
    if (rule.channels.includes("sms")) {
      const count = countSmsSegments(renderTemplate(rule.template, sample));
      if (count.segments > MAX_SMS_SEGMENTS) {
        add(
          `rules.${index}.template`,
          `This text would need ${count.segments} SMS segments (${count.encoding}, ${count.units} characters with sample values); the limit is ${MAX_SMS_SEGMENTS}. Shorten it${count.encoding === "UCS-2" ? " or remove special characters such as emoji or curly quotes" : ""}.`,
        );
      }
    }
  });
  const lastDay = Math.max(...input.rules.map((rule) => rule.delayDays));
  if (input.expiryDays < lastDay + 1) {
    add(
      "expiryDays",
      `Expiry must be at least 1 day after the last rule (day ${lastDay}), so day ${lastDay + 1} or later.`,
    );
  }
  return errors;
}
