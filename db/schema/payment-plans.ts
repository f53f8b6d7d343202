import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { actorKindEnum, paymentPlanFrequencyEnum, paymentPlanStatusEnum } from "./enums";
import { invoiceSets } from "./invoice-sets";
import { users } from "./users";

/**
 * A patient's agreement to pay an invoice set's balance in installments. Progress is not
 * stored per installment: the set's payments since the plan began cover the installments
 * in order (see lib/payment-plans), so a payment of any size, by any path, counts.
 */
export const paymentPlans = pgTable(
  "payment_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceSetId: uuid("invoice_set_id").notNull(),
    status: paymentPlanStatusEnum("status").notNull().default("active"),
    frequency: paymentPlanFrequencyEnum("frequency").notNull(),
    /** What the plan covers (cents); at most the set's balance when it was made. */
    totalCents: integer("total_cents").notNull(),
    /** The set's amount outstanding when the plan began; payments since then count toward it. */
    startBalanceCents: integer("start_balance_cents").notNull(),
    downPaymentCents: integer("down_payment_cents").notNull().default(0),
    /** Charge the patient's card on file for each installment on its date (they consented when saving it). */
    autopay: boolean("autopay").notNull().default(false),
    createdByKind: actorKindEnum("created_by_kind").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    /** Why it ended (Missed, Cancelled), in staff words. */
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    unique("payment_plans_id_clinic_key").on(t.id, t.clinicId),
    foreignKey({
      name: "payment_plans_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    uniqueIndex("payment_plans_one_active_per_set_idx").on(t.invoiceSetId).where(sql`status = 'active'`),
    index("payment_plans_clinic_status_idx").on(t.clinicId, t.status),
    check("payment_plans_total_positive", sql`${t.totalCents} > 0 and ${t.totalCents} <= ${t.startBalanceCents}`),
    check("payment_plans_down_payment", sql`${t.downPaymentCents} >= 0 and ${t.downPaymentCents} < ${t.totalCents}`),
  ],
);

export type PaymentPlan = typeof paymentPlans.$inferSelect;

/** One scheduled payment of a plan (seq 0 may be the down payment). Amounts sum to the plan total. */
export const paymentPlanInstallments = pgTable(
  "payment_plan_installments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    planId: uuid("plan_id").notNull(),
    seq: smallint("seq").notNull(),
    /** The calendar date it is due, in the clinic's time zone. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    isDownPayment: boolean("is_down_payment").notNull().default(false),
  },
  (t) => [
    unique("payment_plan_installments_id_clinic_key").on(t.id, t.clinicId),
    foreignKey({
      name: "payment_plan_installments_plan_fk",
      columns: [t.planId, t.clinicId],
      foreignColumns: [paymentPlans.id, paymentPlans.clinicId],
    }),
    uniqueIndex("payment_plan_installments_plan_seq_idx").on(t.planId, t.seq),
    index("payment_plan_installments_due_idx").on(t.dueOn),
    check("payment_plan_installments_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

export type PaymentPlanInstallment = typeof paymentPlanInstallments.$inferSelect;
