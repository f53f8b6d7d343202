import { index, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { invoiceSetStatusEnum } from "./enums";

const countColumns = () => ({
  clinicId: uuid("clinic_id")
    .notNull()
    .references(() => clinics.id),
  status: invoiceSetStatusEnum("status").notNull(),
  sets: integer("sets").notNull(),
});

/**
 * How many of a clinic's invoice sets are in each status (the metric cards), as of the last
 * fold; the reader adds the pending changes below (lib/invoice-sets/count-metric-cards.ts).
 */
export const invoiceSetStatusCounts = pgTable("invoice_set_status_counts", countColumns(), (t) => [
  primaryKey({ columns: [t.clinicId, t.status] }),
]);

/**
 * What each statement on invoice_sets did to those counts, one row per clinic and status it
 * moved, appended by statement triggers (migration 0021) and never updated: concurrent
 * writers never wait on a shared count. Folded into the counts by the settle.
 */
export const invoiceSetStatusChanges = pgTable("invoice_set_status_changes", countColumns(), (t) => [
  index("invoice_set_status_changes_clinic_idx").on(t.clinicId, t.status),
]);
