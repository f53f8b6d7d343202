import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import {
  clinics,
  invoiceSets,
  invoices,
  memberships,
  messages,
  patients,
  payments,
  ruleSets,
  rules,
  timelineEvents,
  users,
} from "@/db/schema";
import { settleOverview } from "@/lib/overview/settle-overview";

/** TEST-ONLY clinic whose Overview figures the e2e suite states by hand (tests/e2e/overview). */
export const E2E_OVERVIEW_CLINIC = { slug: "overview-check", name: "Overview Check Clinic" } as const;

const DAY = 86_400_000;
type Channel = "sms" | "email";

/**
 * Six invoice sets with a known month of outreach, every moment a whole number of days
 * before `now` at the same time of day, so the figures hold all day long:
 *   A active, 10 days, $100: day-0 text delivered, day-0 email bounced, link opened 9 days ago.
 *   B active, 45 days, $50: day-0 text (45 days ago) and day-7 text (38) delivered.
 *   C expired, 120 days, $25: its day-0 text went out before the 90-day period.
 *   D paid 20 days ago, started 30 days ago: day-0 (30) and day-7 (23) texts, link opened and
 *     identity confirmed 23 days ago, $80 paid.
 *   E paid 24 days ago, started 28 days ago: day-0 email (28), link opened 27 days ago, a wrong
 *     date of birth (not a confirmation), $30 paid.
 *   F active, 75 days, $40: no messages.
 * The demo admin sees it as a viewer.
 */
export async function seedE2eOverview(db: Executor, now = new Date()): Promise<void> {
  const [existing] = await db.select().from(clinics).where(eq(clinics.slug, E2E_OVERVIEW_CLINIC.slug));
  if (existing) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.clinic"));
  if (!admin) throw new Error("Seed the demo clinic before the e2e Overview clinic.");
  // Mid-morning in New York, whatever time the seed runs: no moment falls near midnight there.
  const base =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 15) - (now.getUTCHours() < 15 ? DAY : 0);
  const ago = (days: number) => new Date(base - days * DAY);

  const [clinic] = await db
    .insert(clinics)
    .values({
      slug: E2E_OVERVIEW_CLINIC.slug,
      name: E2E_OVERVIEW_CLINIC.name,
      phone: "+12025550177",
      email: "billing@overview-check.clinic",
      timeZone: "America/New_York",
    })
    .returning({ id: clinics.id });
  if (!clinic) throw new Error("Could not create the e2e Overview clinic");
  const clinicId = clinic.id;
  await db.insert(memberships).values({ userId: admin.id, clinicId, role: "viewer" });
  const [ruleSet] = await db
    .insert(ruleSets)
    .values({ clinicId, title: "Standard (30 days)", expiryDays: 30, isDefault: true })
    .returning({ id: ruleSets.id });
  if (!ruleSet) throw new Error("no rule set");
  const [day0, day7] = await db
    .insert(rules)
    .values([
      {
        clinicId,
        ruleSetId: ruleSet.id,
        delayDays: 0,
        channels: ["sms", "email"],
        title: "Your statement",
        template: "Hi",
      },
      { clinicId, ruleSetId: ruleSet.id, delayDays: 7, channels: ["sms"], title: "Reminder", template: "Hi" },
    ])
    .returning({ id: rules.id });
  if (!day0 || !day7) throw new Error("no rules");

  let number = 0;
  const set = async (
    name: string,
    status: "active" | "expired" | "paid",
    startedDaysAgo: number,
    cents: number,
    paidDaysAgo?: number,
  ) => {
    number += 1;
    const [patient] = await db
      .insert(patients)
      .values({
        clinicId,
        externalId: `MRN-OV-${number}`,
        firstName: name,
        lastName: "Check",
        dateOfBirth: "1980-01-01",
        phone: `+1202555010${number}`,
        email: `${name.toLowerCase()}@example.com`,
      })
      .returning({ id: patients.id });
    if (!patient) throw new Error("no patient");
    const paid = paidDaysAgo !== undefined;
    const [row] = await db
      .insert(invoiceSets)
      .values({
        clinicId,
        patientId: patient.id,
        status,
        ruleSetId: ruleSet.id,
        sequenceStartedAt: ago(startedDaysAgo),
        amountOutstandingCents: paid ? 0 : cents,
        createdAt: ago(startedDaysAgo),
        updatedAt: ago(paidDaysAgo ?? startedDaysAgo),
        closedAt: paid ? ago(paidDaysAgo) : status === "expired" ? ago(startedDaysAgo - 30) : null,
      })
      .returning({ id: invoiceSets.id });
    if (!row) throw new Error("no set");
    const [invoice] = await db
      .insert(invoices)
      .values({
        clinicId,
        number,
        status: paid ? "paid" : "issued",
        patientId: patient.id,
        invoiceSetId: row.id,
        totalCents: cents,
        paidCents: paid ? cents : 0,
        issuedAt: ago(startedDaysAgo),
        createdAt: ago(startedDaysAgo),
      })
      .returning({ id: invoices.id });
    if (!invoice) throw new Error("no invoice");
    if (paid) {
      await db
        .insert(payments)
        .values({ clinicId, invoiceId: invoice.id, method: "card", amountCents: cents, receivedAt: ago(paidDaysAgo) });
    }
    return row.id;
  };
  const message = (setId: string, ruleId: string, step: number, channel: Channel, daysAgo: number, delivered = true) =>
    db.insert(messages).values({
      clinicId,
      invoiceSetId: setId,
      ruleId,
      stepIndex: step,
      channel,
      transport: "outbox",
      destination: channel === "sms" ? "+12025550100" : "patient@example.com",
      body: "Hi, your statement is ready.",
      status: delivered ? "delivered" : "bounced",
      sentAt: ago(daysAgo),
      deliveredAt: delivered ? ago(daysAgo) : null,
      failedAt: delivered ? null : ago(daysAgo),
      createdAt: ago(daysAgo),
    });
  const event = (setId: string, kind: "link_opened" | "identity_check", summary: string, daysAgo: number) =>
    db
      .insert(timelineEvents)
      .values({ clinicId, invoiceSetId: setId, kind, actorKind: "patient", summary, occurredAt: ago(daysAgo) });

  const a = await set("Avery", "active", 10, 10000);
  await message(a, day0.id, 0, "sms", 10);
  await message(a, day0.id, 0, "email", 10, false);
  await event(a, "link_opened", "Payment link opened", 9);
  const b = await set("Blake", "active", 45, 5000);
  await message(b, day0.id, 0, "sms", 45);
  await message(b, day7.id, 1, "sms", 38);
  const c = await set("Casey", "expired", 120, 2500);
  await message(c, day0.id, 0, "sms", 120);
  const d = await set("Dana", "paid", 30, 8000, 20);
  await message(d, day0.id, 0, "sms", 30);
  await message(d, day7.id, 1, "sms", 23);
  await event(d, "link_opened", "Payment link opened", 23);
  await event(d, "identity_check", "Identity confirmed: date of birth matched", 23);
  const e = await set("Emery", "paid", 28, 3000, 24);
  await message(e, day0.id, 0, "email", 28);
  await event(e, "link_opened", "Payment link opened", 27);
  await event(e, "identity_check", "Date of birth did not match (4 tries left)", 27);
  await set("Finley", "active", 75, 4000);
  await db
    .update(clinics)
    .set({ nextInvoiceNumber: number + 1 })
    .where(eq(clinics.id, clinicId));
  await settleOverview(db, { clinicId, timeZone: "America/New_York" }, now);
}
