import type { Executor } from "@/db/connect";
import { clinicians, memberships, ruleSets, rules, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_STAFF = [
  { email: "admin@demo.clinic", name: "Alex Admin", role: "admin" },
  { email: "biller@demo.clinic", name: "Blair Biller", role: "biller" },
  { email: "viewer@demo.clinic", name: "Vic Viewer", role: "viewer" },
] as const;

/**
 * The demo clinic's people and outreach setup: a staff account in each role, three
 * clinicians, and two rule sets ("Standard" is the default) with their rules.
 */
export async function seedDemoClinicSetup(db: Executor, clinicId: string) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const member of DEMO_STAFF) {
    const [user] = await db
      .insert(users)
      .values({ email: member.email, name: member.name, passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error("Could not create a demo user");
    await db.insert(memberships).values({ userId: user.id, clinicId, role: member.role });
  }

  const clinicianRows = await db
    .insert(clinicians)
    .values([
      { clinicId, name: "Dr. Ana Ruiz", credentials: "DDS" },
      { clinicId, name: "Dr. Marcus Bell", credentials: "MD" },
      { clinicId, name: "Dr. Priya Shah", credentials: "DMD" },
      { clinicId, name: "Jordan Lake", credentials: "NP" },
    ])
    .returning({ id: clinicians.id });

  const [standard, gentle] = await db
    .insert(ruleSets)
    .values([
      {
        clinicId,
        title: "Standard (30 days)",
        description: "Text and email on day 0, reminders through day 21.",
        expiryDays: 30,
        isDefault: true,
      },
      {
        clinicId,
        title: "Gentle (60 days)",
        description: "Email first, fewer texts, for long-standing patients.",
        expiryDays: 60,
      },
    ])
    .returning();
  if (!standard || !gentle) throw new Error("Could not create the demo rule sets");
  const link = "{{pay_link}}";
  const ruleRows = await db
    .insert(rules)
    .values([
      {
        clinicId,
        ruleSetId: standard.id,
        delayDays: 0,
        channels: ["sms", "email"],
        title: "Your statement is ready",
        template: `Hi {{first_name}}, your statement from {{clinic_name}} is ready: ${link}`,
      },
      {
        clinicId,
        ruleSetId: standard.id,
        delayDays: 3,
        channels: ["sms"],
        title: "Friendly reminder",
        template: `Hi {{first_name}}, a reminder from {{clinic_name}} about your balance of {{balance}}: ${link}`,
      },
      {
        clinicId,
        ruleSetId: standard.id,
        delayDays: 7,
        channels: ["email"],
        title: "Balance reminder",
        template: `Hi {{first_name}}, you have a balance of {{balance}} with {{clinic_name}}. View and pay: ${link}`,
      },
      {
        clinicId,
        ruleSetId: standard.id,
        delayDays: 14,
        channels: ["sms", "email"],
        title: "Second reminder",
        template: `Hi {{first_name}}, {{clinic_name}} is still waiting on your balance. Questions? Call {{clinic_phone}}. ${link}`,
      },
      {
        clinicId,
        ruleSetId: standard.id,
        delayDays: 21,
        channels: ["sms"],
        title: "Final reminder",
        template: `Hi {{first_name}}, final reminder from {{clinic_name}}: ${link}`,
      },
      {
        clinicId,
        ruleSetId: gentle.id,
        delayDays: 0,
        channels: ["email"],
        title: "Your statement",
        template: `Hi {{first_name}}, your statement from {{clinic_name}} is ready: ${link}`,
      },
      {
        clinicId,
        ruleSetId: gentle.id,
        delayDays: 14,
        channels: ["sms"],
        title: "Reminder",
        template: `Hi {{first_name}}, a reminder from {{clinic_name}}: ${link}`,
      },
      {
        clinicId,
        ruleSetId: gentle.id,
        delayDays: 30,
        channels: ["email"],
        title: "Second reminder",
        template: `Hi {{first_name}}, a second reminder from {{clinic_name}}: ${link}`,
      },
      {
        clinicId,
        ruleSetId: gentle.id,
        delayDays: 45,
        channels: ["sms"],
        title: "Last reminder",
        template: `Hi {{first_name}}, last reminder from {{clinic_name}}: ${link}`,
      },
    ])
    .returning();
  return { clinicianRows, standard, gentle, ruleRows };
}
