import { and, eq } from "drizzle-orm";
import type { Executor } from "../connect";
import { ruleSets, rules } from "../schema";

const TITLE = "Email only (30 days)";

/**
 * A rule set that never texts: the one-click fix for patients texts cannot reach (opted
 * out, no phone, a landline). Added once; a second run changes nothing.
 */
export async function seedEmailOnlyRuleSet(db: Executor, clinicId: string): Promise<void> {
  const [existing] = await db
    .select({ id: ruleSets.id })
    .from(ruleSets)
    .where(and(eq(ruleSets.clinicId, clinicId), eq(ruleSets.title, TITLE)));
  if (existing) return;
  const [ruleSet] = await db
    .insert(ruleSets)
    .values({ clinicId, title: TITLE, description: "Email on days 0, 10 and 20; never a text.", expiryDays: 30 })
    .returning({ id: ruleSets.id });
  if (!ruleSet) throw new Error("Could not create the email-only rule set");
  const link = "{{pay_link}}";
  await db.insert(rules).values(
    [
      [0, "Your statement", `Hi {{first_name}}, your statement from {{clinic_name}} is ready: ${link}`],
      [10, "Reminder", `Hi {{first_name}}, a reminder from {{clinic_name}} about your balance: ${link}`],
      [20, "Final reminder", `Hi {{first_name}}, please settle your balance with {{clinic_name}}: ${link}`],
    ].map(([delayDays, title, template]) => ({
      clinicId,
      ruleSetId: ruleSet.id,
      delayDays: Number(delayDays),
      channels: ["email" as const],
      title: String(title),
      template: String(template),
    })),
  );
}
