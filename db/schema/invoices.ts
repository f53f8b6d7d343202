import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { invoiceStatusEnum, paymentMethodEnum } from "./enums";
import { invoiceSets } from "./invoice-sets";
import { clinicians, patients } from "./patients";
import { users } from "./users";

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    /** Per-clinic invoice number shown to staff and patients. */
    number: integer("number").notNull(),
    patientId: uuid("patient_id"),
    clinicianId: uuid("clinician_id"),
    invoiceSetId: uuid("invoice_set_id"),
    status: invoiceStatusEnum("status").notNull().default("draft"),
    pastDue: boolean("past_due").notNull().default(false),
    badDebt: boolean("bad_debt").notNull().default(false),
    sentToCollections: boolean("sent_to_collections").notNull().default(false),
    serviceDate: date("service_date", { mode: "string" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    dueDate: date("due_date", { mode: "string" }),
    /** Sum of charges; kept in step with invoice_charges in the same transaction. */
    totalCents: integer("total_cents").notNull().default(0),
    /** Sum of payments; kept in step with payments in the same transaction. */
    paidCents: integer("paid_cents").notNull().default(0),
    balanceCents: integer("balance_cents").generatedAlwaysAs(sql`total_cents - paid_cents`),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    duplicatedFromId: uuid("duplicated_from_id"),
    notes: text("notes"),
    /** A CSV import's key for the row that made this invoice: re-importing the file adds nothing. */
    importRowKey: text("import_row_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("invoices_id_clinic_key").on(t.id, t.clinicId),
    foreignKey({
      name: "invoices_patient_fk",
      columns: [t.patientId, t.clinicId],
      foreignColumns: [patients.id, patients.clinicId],
    }),
    foreignKey({
      name: "invoices_clinician_fk",
      columns: [t.clinicianId, t.clinicId],
      foreignColumns: [clinicians.id, clinicians.clinicId],
    }),
    foreignKey({
      name: "invoices_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    uniqueIndex("invoices_clinic_number_idx").on(t.clinicId, t.number),
    uniqueIndex("invoices_clinic_import_row_key_idx").on(t.clinicId, t.importRowKey),
    index("invoices_clinic_status_idx").on(t.clinicId, t.status),
    index("invoices_patient_idx").on(t.patientId),
    index("invoices_set_idx").on(t.invoiceSetId),
    index("invoices_past_due_candidates_idx")
      .on(t.dueDate)
      .where(sql`status in ('issued', 'partially_paid') and past_due = false`),
    check("invoices_total_nonnegative", sql`${t.totalCents} >= 0`),
    check("invoices_paid_nonnegative", sql`${t.paidCents} >= 0`),
    check("invoices_balance_nonnegative", sql`${t.paidCents} <= ${t.totalCents}`),
    check("invoices_issued_has_patient", sql`${t.status} = 'draft' OR ${t.patientId} IS NOT NULL`),
  ],
);

export const invoiceCharges = pgTable(
  "invoice_charges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceId: uuid("invoice_id").notNull(),
    position: integer("position").notNull().default(0),
    code: text("code").notNull(),
    description: text("description").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    amountCents: integer("amount_cents").generatedAlwaysAs(sql`quantity * unit_price_cents`),
  },
  (t) => [
    foreignKey({
      name: "invoice_charges_invoice_fk",
      columns: [t.invoiceId, t.clinicId],
      foreignColumns: [invoices.id, invoices.clinicId],
    }).onDelete("cascade"),
    index("invoice_charges_invoice_idx").on(t.invoiceId),
    check("invoice_charges_quantity_positive", sql`${t.quantity} > 0`),
    check("invoice_charges_price_nonnegative", sql`${t.unitPriceCents} >= 0`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceId: uuid("invoice_id").notNull(),
    method: paymentMethodEnum("method").notNull(),
    amountCents: integer("amount_cents").notNull(),
    reference: text("reference"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    /** Groups the per-invoice parts of one payment allocated across several invoices. */
    receiptId: uuid("receipt_id").notNull().defaultRandom(),
    /** Provider's id (e.g. a Stripe Checkout Session) so a replayed webhook pays once. */
    externalId: text("external_id"),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "payments_invoice_fk",
      columns: [t.invoiceId, t.clinicId],
      foreignColumns: [invoices.id, invoices.clinicId],
    }),
    index("payments_invoice_idx").on(t.invoiceId),
    index("payments_receipt_idx").on(t.receiptId),
    // The Overview's weekly collections: the payments recorded since its rollups' mark, from this index alone.
    index("payments_clinic_created_idx").on(t.clinicId, t.createdAt, t.receivedAt, t.amountCents),
    uniqueIndex("payments_external_invoice_idx").on(t.externalId, t.invoiceId),
    check("payments_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceCharge = typeof invoiceCharges.$inferSelect;
export type Payment = typeof payments.$inferSelect;
