import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { messageChannelEnum, messageStatusEnum, messageTransportEnum } from "./enums";
import { invoiceSets } from "./invoice-sets";
import { paymentPlanInstallments } from "./payment-plans";
import { rules } from "./rule-sets";

/**
 * One outreach message. The row is written before the provider is called and is
 * unique on (set, cycle, rule, channel), or for a plan's reminder on (installment, channel),
 * so a retried step never sends twice.
 */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceSetId: uuid("invoice_set_id").notNull(),
    ruleId: uuid("rule_id"),
    /** A payment receipt's text (no rule): one per receipt and channel. */
    receiptId: uuid("receipt_id"),
    /** A payment plan's reminder before this installment (then there is no rule). */
    installmentId: uuid("installment_id"),
    sequenceCycle: integer("sequence_cycle").notNull().default(0),
    stepIndex: integer("step_index").notNull(),
    channel: messageChannelEnum("channel").notNull(),
    transport: messageTransportEnum("transport").notNull(),
    destination: text("destination").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    providerId: text("provider_id"),
    status: messageStatusEnum("status").notNull().default("queued"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the provider was last called for it: a lookup after an ambiguous failure searches from here. */
    attemptedAt: timestamp("attempted_at", { withTimezone: true }),
    /** Set when its one retry after a temporary failure went out. */
    retriedAt: timestamp("retried_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "messages_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    foreignKey({
      name: "messages_rule_fk",
      columns: [t.ruleId, t.clinicId],
      foreignColumns: [rules.id, rules.clinicId],
    }),
    foreignKey({
      name: "messages_installment_fk",
      columns: [t.installmentId, t.clinicId],
      foreignColumns: [paymentPlanInstallments.id, paymentPlanInstallments.clinicId],
    }),
    uniqueIndex("messages_idempotency_idx").on(t.invoiceSetId, t.sequenceCycle, t.ruleId, t.channel),
    uniqueIndex("messages_receipt_idx").on(t.receiptId, t.channel).where(sql`${t.receiptId} is not null`),
    uniqueIndex("messages_installment_reminder_idx")
      .on(t.installmentId, t.channel)
      .where(sql`${t.installmentId} is not null`),
    uniqueIndex("messages_provider_id_idx").on(t.transport, t.providerId),
    index("messages_set_created_idx").on(t.invoiceSetId, t.createdAt),
    index("messages_clinic_transport_created_idx").on(t.clinicId, t.transport, t.createdAt),
    // The local engine's per-clinic send cap counts the last minute's attempts.
    index("messages_clinic_attempted_idx").on(t.clinicId, t.attemptedAt),
    // The Overview funnel and step results read a period's messages from this index alone (bench/).
    index("messages_clinic_sent_idx")
      .on(t.clinicId, t.sentAt, t.channel, t.status, t.invoiceSetId, t.ruleId)
      .where(sql`sent_at is not null`),
  ],
);

/** Provider webhook deliveries already handled, so a replay changes nothing. */
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    provider: text("provider").notNull(),
    eventKey: text("event_key").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webhook_receipts_key_idx").on(t.provider, t.eventKey)],
);

export type Message = typeof messages.$inferSelect;
