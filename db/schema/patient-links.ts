import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { invoiceSets } from "./invoice-sets";

/** The link a patient opens from a text or email. Only the token's hash is stored. */
export const patientLinks = pgTable(
  "patient_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceSetId: uuid("invoice_set_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** "identity_lock" when too many wrong dates of birth revoked it; staff see a warning on the set. */
    revokedReason: text("revoked_reason"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "patient_links_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    uniqueIndex("patient_links_token_hash_idx").on(t.tokenHash),
    index("patient_links_set_idx").on(t.invoiceSetId),
    check("patient_links_attempts_nonnegative", sql`${t.failedAttempts} >= 0`),
    check("patient_links_revoked_reason", sql`${t.revokedReason} is null or ${t.revokedReason} in ('identity_lock')`),
  ],
);

export type PatientLink = typeof patientLinks.$inferSelect;
