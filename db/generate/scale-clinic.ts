import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinicians, clinics, memberships, ruleSets, rules, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const SCALE_PASSWORD = "scale-password";

/** Staff of a generated clinic: `admin@<slug>.clinic` and `biller@<slug>.clinic`, password SCALE_PASSWORD. */
export function scaleStaffEmails(slug: string) {
  return { admin: `admin@${slug}.clinic`, biller: `biller@${slug}.clinic` };
}

type Channel = "sms" | "email";
interface RuleSpec {
  delayDays: number;
  channels: Channel[];
  title: string;
}
interface RuleSetSpec {
  title: string;
  description: string;
  expiryDays: number;
  isDefault: boolean;
  share: number;
  rules: RuleSpec[];
}

const LINK = "{{pay_link}}";
/** The three rule sets of the generated clinic; `share` is the percentage of sets on each. */
export const SCALE_RULE_SETS: RuleSetSpec[] = [
  {
    title: "Standard (30 days)",
    description: "Text and email on day 0, reminders through day 21.",
    expiryDays: 30,
    isDefault: true,
    share: 70,
    rules: [
      { delayDays: 0, channels: ["sms", "email"], title: "Your statement is ready" },
      { delayDays: 3, channels: ["sms"], title: "Friendly reminder" },
      { delayDays: 7, channels: ["email"], title: "Balance reminder" },
      { delayDays: 14, channels: ["sms", "email"], title: "Second reminder" },
      { delayDays: 21, channels: ["sms"], title: "Final reminder" },
    ],
  },
  {
    title: "Gentle (60 days)",
    description: "Email first, fewer texts.",
    expiryDays: 60,
    isDefault: false,
    share: 20,
    rules: [
      { delayDays: 0, channels: ["email"], title: "Your statement" },
      { delayDays: 14, channels: ["sms"], title: "Reminder" },
      { delayDays: 30, channels: ["email"], title: "Second reminder" },
      { delayDays: 45, channels: ["sms"], title: "Last reminder" },
    ],
  },
  {
    title: "Firm (21 days)",
    description: "Short sequence for small balances.",
    expiryDays: 21,
    isDefault: false,
    share: 10,
    rules: [
      { delayDays: 0, channels: ["sms", "email"], title: "Statement ready" },
      { delayDays: 2, channels: ["sms"], title: "Reminder" },
      { delayDays: 5, channels: ["email"], title: "Balance due" },
      { delayDays: 10, channels: ["sms", "email"], title: "Past due" },
      { delayDays: 15, channels: ["sms"], title: "Final notice" },
    ],
  },
];

/** The generated clinic's time zone. */
export const SCALE_TIME_ZONE = "America/New_York";

export interface ScaleClinic {
  clinicId: string;
  clinicName: string;
  ruleSetIds: string[];
  /** Per rule set (same order), its rules in delay order. */
  rules: { id: string; delayDays: number; channels: Channel[]; title: string; template: string }[][];
  clinicianIds: string[];
  adminUserId: string;
}

async function ensureUser(db: Executor, email: string, name: string, passwordHash: string): Promise<string> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (existing) return existing.id;
  const [created] = await db.insert(users).values({ email, name, passwordHash }).returning({ id: users.id });
  if (!created) throw new Error(`Could not create the user ${email}`);
  return created.id;
}

/** The clinic row, its staff, clinicians and rule sets: the small part, written with drizzle. */
export async function createScaleClinic(db: Executor, slug: string): Promise<ScaleClinic> {
  const clinicName = `Scale Test Clinic (${slug})`;
  const [clinic] = await db
    .insert(clinics)
    .values({
      slug,
      name: clinicName,
      phone: "+12025550199",
      email: `billing@${slug}.clinic`,
      timeZone: SCALE_TIME_ZONE,
    })
    .returning({ id: clinics.id });
  if (!clinic) throw new Error("Could not create the scale clinic");
  const clinicId = clinic.id;

  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const emails = scaleStaffEmails(slug);
  const adminId = await ensureUser(db, emails.admin, "Sam Scale", passwordHash);
  const billerId = await ensureUser(db, emails.biller, "Bea Bulk", passwordHash);
  await db.insert(memberships).values([
    { userId: adminId, clinicId, role: "admin" },
    { userId: billerId, clinicId, role: "biller" },
  ]);

  const clinicianRows = await db
    .insert(clinicians)
    .values(
      [
        "Dr. Ana Ruiz|DDS",
        "Dr. Marcus Bell|MD",
        "Dr. Priya Shah|DMD",
        "Jordan Lake|NP",
        "Dr. Kofi Mensah|MD",
        "Dr. Lena Novak|DDS",
      ].map((entry) => {
        const [name = entry, credentials = null] = entry.split("|");
        return { clinicId, name, credentials };
      }),
    )
    .returning({ id: clinicians.id });

  const ruleSetIds: string[] = [];
  const ruleLists: ScaleClinic["rules"] = [];
  for (const spec of SCALE_RULE_SETS) {
    const [ruleSet] = await db
      .insert(ruleSets)
      .values({
        clinicId,
        title: spec.title,
        description: spec.description,
        expiryDays: spec.expiryDays,
        isDefault: spec.isDefault,
      })
      .returning({ id: ruleSets.id });
    if (!ruleSet) throw new Error("Could not create a rule set");
    const ruleRows = await db
      .insert(rules)
      .values(
        spec.rules.map((rule) => ({
          clinicId,
          ruleSetId: ruleSet.id,
          delayDays: rule.delayDays,
          channels: rule.channels,
          title: rule.title,
          template: `Hi {{first_name}}, ${rule.title.toLowerCase()} from {{clinic_name}}: ${LINK}`,
        })),
      )
      .returning();
    ruleSetIds.push(ruleSet.id);
    ruleLists.push(
      ruleRows
        .sort((a, b) => a.delayDays - b.delayDays)
        .map((rule) => ({
          id: rule.id,
          delayDays: rule.delayDays,
          channels: rule.channels,
          title: rule.title,
          template: rule.template,
        })),
    );
  }
  return {
    clinicId,
    clinicName,
    ruleSetIds,
    rules: ruleLists,
    clinicianIds: clinicianRows.map((row) => row.id),
    adminUserId: adminId,
  };
}
