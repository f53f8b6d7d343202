import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A clinic is the tenant: every other row but global config carries its id. */
export const clinics = pgTable(
  "clinics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    currency: text("currency").notNull().default("USD"),
    /** Outreach send window, minutes after local midnight in the patient's zone. */
    sendWindowStartMinute: smallint("send_window_start_minute").notNull().default(540),
    sendWindowEndMinute: smallint("send_window_end_minute").notNull().default(1200),
    /** ISO weekdays (1 = Monday … 7 = Sunday) on which outreach may be sent. */
    sendDays: smallint("send_days").array().notNull().default(sql`'{1,2,3,4,5,6}'::smallint[]`),
    sendsPerMinute: integer("sends_per_minute").notNull().default(60),
    /** Testing only: lets the send window go outside 8:00–21:00 (a warning shows while it is on). */
    allowAnyHour: boolean("allow_any_hour").notNull().default(false),
    defaultDueDays: integer("default_due_days").notNull().default(30),
    showAmountInMessages: boolean("show_amount_in_messages").notNull().default(true),
    minOnlinePaymentCents: integer("min_online_payment_cents").notNull().default(100),
    /** Payment plans: the smallest installment staff or a patient may schedule. */
    minInstallmentCents: integer("min_installment_cents").notNull().default(2500),
    /** Payment plans a patient may choose on their page ("Pay over 3, 6 or 12 months"); empty = none. */
    patientPlanMonths: smallint("patient_plan_months").array().notNull().default(sql`'{3,6,12}'::smallint[]`),
    /** "Charge Card" steps charge at most this much at once (cents); null = the whole balance. */
    cardChargeMaxCents: integer("card_charge_max_cents"),
    /** While a set is on a payment plan: remind the patient this many days before each installment. */
    installmentReminderDays: smallint("installment_reminder_days").notNull().default(3),
    patientLinkDays: integer("patient_link_days").notNull().default(30),
    /** Every member must sign in with a second factor; those without one enrol at next sign-in. */
    requireTwoFactor: boolean("require_two_factor").notNull().default(false),
    /** Next per-clinic invoice number; bumped with UPDATE … RETURNING. */
    nextInvoiceNumber: integer("next_invoice_number").notNull().default(1001),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "clinics_send_window",
      sql`${t.sendWindowStartMinute} >= 0 AND ${t.sendWindowStartMinute} < ${t.sendWindowEndMinute} AND ${t.sendWindowEndMinute} <= 1440`,
    ),
    check("clinics_due_days", sql`${t.defaultDueDays} >= 0`),
    check("clinics_sends_per_minute", sql`${t.sendsPerMinute} > 0`),
    check("clinics_min_installment", sql`${t.minInstallmentCents} > 0`),
    check("clinics_card_charge_max", sql`${t.cardChargeMaxCents} is null or ${t.cardChargeMaxCents} > 0`),
    check("clinics_installment_reminder_days", sql`${t.installmentReminderDays} between 0 and 30`),
  ],
);

export type Clinic = typeof clinics.$inferSelect;
