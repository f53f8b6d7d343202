import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  type PgTableExtraConfigValue,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { invoiceSetStatusEnum } from "./enums";
import { patients } from "./patients";
import { paymentPlans } from "./payment-plans";
import { ruleSets } from "./rule-sets";

/** One patient's open invoices, pursued by one outreach sequence. */
export const invoiceSets = pgTable(
  "invoice_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id").notNull(),
    status: invoiceSetStatusEnum("status").notNull(),
    ruleSetId: uuid("rule_set_id").notNull(),
    /** Position in the rule set: how many of its rules have been sent (or skipped). */
    sequenceStep: integer("sequence_step").notNull().default(0),
    /** Bumped when a sequence restarts from the top, so the messages of a new cycle get new keys. */
    sequenceCycle: integer("sequence_cycle").notNull().default(0),
    /** Rule delays count from here: the set's creation, or a restart after Expired. */
    sequenceStartedAt: timestamp("sequence_started_at", { withTimezone: true }).notNull().defaultNow(),
    nextSendAt: timestamp("next_send_at", { withTimezone: true }),
    /**
     * When the sequence next needs attention: the planned send or, after the last rule, the
     * expiry. Null on an Active set means "plan now". The reconcile reads only overdue rows.
     */
    nextActionAt: timestamp("next_action_at", { withTimezone: true }),
    /** Sum of its invoices' balances (cents); kept in step in the same transaction. */
    amountOutstandingCents: integer("amount_outstanding_cents").notNull().default(0),
    /** Why the next message is predicted to fail (Will Fail) or why one failed for good (Failed). */
    statusReason: text("status_reason"),
    /** "Pause until": when a paused set resumes by itself (start of the chosen day in the clinic's zone). */
    resumeAt: timestamp("resume_at", { withTimezone: true }),
    /** The active payment plan: while set, the plan's reminders replace the rule set's outreach. */
    paymentPlanId: uuid("payment_plan_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  // Typed: the payment-plan key makes invoice_sets and payment_plans refer to each other.
  (t): PgTableExtraConfigValue[] => [
    unique("invoice_sets_id_clinic_key").on(t.id, t.clinicId),
    foreignKey({
      name: "invoice_sets_patient_fk",
      columns: [t.patientId, t.clinicId],
      foreignColumns: [patients.id, patients.clinicId],
    }),
    foreignKey({
      name: "invoice_sets_rule_set_fk",
      columns: [t.ruleSetId, t.clinicId],
      foreignColumns: [ruleSets.id, ruleSets.clinicId],
    }),
    foreignKey({
      name: "invoice_sets_payment_plan_fk",
      columns: [t.paymentPlanId, t.clinicId],
      foreignColumns: [paymentPlans.id, paymentPlans.clinicId],
    }),
    uniqueIndex("invoice_sets_one_open_per_patient_idx")
      .on(t.patientId)
      .where(sql`status in ('active', 'paused', 'expired', 'will_fail', 'failed')`),
    index("invoice_sets_clinic_created_idx").on(t.clinicId, t.createdAt, t.id),
    index("invoice_sets_clinic_status_created_idx").on(t.clinicId, t.status, t.createdAt, t.id),
    index("invoice_sets_clinic_amount_idx").on(t.clinicId, t.amountOutstandingCents, t.id),
    index("invoice_sets_clinic_next_send_idx").on(t.clinicId, t.nextSendAt, t.id),
    index("invoice_sets_clinic_rule_set_idx").on(t.clinicId, t.ruleSetId, t.createdAt, t.id),
    index("invoice_sets_patient_idx").on(t.patientId),
    // The four metric cards (Failed, Expired, Paused, Will Fail): an index-only count over
    // ~15% of the sets instead of walking the whole (clinic, status, created) index (bench/).
    index("invoice_sets_clinic_attention_idx")
      .on(t.clinicId, t.status)
      .where(sql`status in ('failed', 'expired', 'paused', 'will_fail')`),
    index("invoice_sets_active_next_action_idx")
      .on(sql`coalesce(${t.nextActionAt}, '-infinity'::timestamptz)`, t.id)
      .where(sql`status = 'active'`),
    // The Overview: open balances by age, and paid sets by when they closed, from these alone.
    index("invoice_sets_clinic_open_balance_idx")
      .on(t.clinicId, t.createdAt, t.amountOutstandingCents)
      .where(sql`status in ('active', 'paused', 'expired', 'will_fail', 'failed') and amount_outstanding_cents > 0`),
    index("invoice_sets_clinic_paid_closed_idx").on(t.clinicId, t.closedAt, t.id).where(sql`status = 'paid'`),
    // The auto-resume pass and the Paused card's "resume in the next 7 days" read only these rows.
    index("invoice_sets_resume_at_idx")
      .on(t.resumeAt, t.clinicId)
      .where(sql`status = 'paused' and resume_at is not null`),
    check("invoice_sets_amount_nonnegative", sql`${t.amountOutstandingCents} >= 0`),
    check("invoice_sets_step_nonnegative", sql`${t.sequenceStep} >= 0`),
  ],
);

export type InvoiceSet = typeof invoiceSets.$inferSelect;
