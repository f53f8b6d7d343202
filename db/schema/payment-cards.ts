import { foreignKey, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { patients } from "./patients";

/**
 * A patient's saved card: only Stripe's ids and the display details Stripe returns (the
 * card number never reaches the app), with the consent the patient gave on their page.
 * Removing the card deletes the row; the audit log keeps what it was.
 */
export const paymentCards = pgTable(
  "payment_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: uuid("patient_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    stripePaymentMethodId: text("stripe_payment_method_id").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: smallint("exp_month").notNull(),
    expYear: smallint("exp_year").notNull(),
    /** The exact words the patient agreed to, when, and from which address. */
    consentText: text("consent_text").notNull(),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    consentIp: text("consent_ip"),
    /** The Checkout Session that saved it: a replayed webhook saves nothing twice. */
    setupSessionId: text("setup_session_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "payment_cards_patient_fk",
      columns: [t.patientId, t.clinicId],
      foreignColumns: [patients.id, patients.clinicId],
    }),
    // One card on file per patient: a new one replaces the old.
    uniqueIndex("payment_cards_patient_idx").on(t.patientId),
    uniqueIndex("payment_cards_setup_session_idx").on(t.setupSessionId),
  ],
);

export type PaymentCard = typeof paymentCards.$inferSelect;
