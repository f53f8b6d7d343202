import { sql } from "drizzle-orm";
import { check, foreignKey, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { cardChargeStatusEnum } from "./enums";
import { invoiceSets } from "./invoice-sets";
import { paymentPlanInstallments } from "./payment-plans";
import { rules } from "./rule-sets";

/**
 * One off-session charge of a patient's card on file: an autopay installment, or a rule
 * set's "Charge Card" step (a rule in one cycle of the set's sequence). The row is committed
 * (pending) before Stripe is called, and its idempotency key makes a retried call the same charge.
 */
export const cardCharges = pgTable(
  "card_charges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceSetId: uuid("invoice_set_id").notNull(),
    installmentId: uuid("installment_id"),
    ruleId: uuid("rule_id"),
    sequenceCycle: integer("sequence_cycle"),
    attempt: smallint("attempt").notNull(),
    status: cardChargeStatusEnum("status").notNull().default("pending"),
    amountCents: integer("amount_cents").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    paymentIntentId: text("payment_intent_id"),
    failureMessage: text("failure_message"),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: "card_charges_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    foreignKey({
      name: "card_charges_installment_fk",
      columns: [t.installmentId, t.clinicId],
      foreignColumns: [paymentPlanInstallments.id, paymentPlanInstallments.clinicId],
    }),
    foreignKey({
      name: "card_charges_rule_fk",
      columns: [t.ruleId, t.clinicId],
      foreignColumns: [rules.id, rules.clinicId],
    }),
    uniqueIndex("card_charges_installment_attempt_idx").on(t.installmentId, t.attempt),
    // A Charge Card step charges once per cycle of the sequence.
    uniqueIndex("card_charges_rule_step_idx").on(t.invoiceSetId, t.sequenceCycle, t.ruleId),
    uniqueIndex("card_charges_key_idx").on(t.idempotencyKey),
    check(
      "card_charges_one_purpose",
      sql`(${t.installmentId} is null) <> (${t.ruleId} is null) and (${t.ruleId} is null) = (${t.sequenceCycle} is null)`,
    ),
    check("card_charges_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

export type CardCharge = typeof cardCharges.$inferSelect;
