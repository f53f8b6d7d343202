import { sql } from "drizzle-orm";
import { foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { actorKindEnum, timelineKindEnum } from "./enums";
import { invoiceSets } from "./invoice-sets";
import { users } from "./users";

/** The Invoice Timeline: every message, reply, payment and status change of a set. */
export const timelineEvents = pgTable(
  "timeline_events",
  {
    // Time-ordered (uuid_time_ordered(), migration 0018): new rows land at the end of the
    // primary key instead of on a random page of an append-only table that only grows.
    id: uuid("id").primaryKey().default(sql`uuid_time_ordered()`),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    invoiceSetId: uuid("invoice_set_id"),
    invoiceId: uuid("invoice_id"),
    kind: timelineKindEnum("kind").notNull(),
    actorKind: actorKindEnum("actor_kind").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    summary: text("summary").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "timeline_events_invoice_set_fk",
      columns: [t.invoiceSetId, t.clinicId],
      foreignColumns: [invoiceSets.id, invoiceSets.clinicId],
    }),
    index("timeline_events_set_idx").on(t.invoiceSetId, t.occurredAt),
    // Most events belong to a set, not one invoice: indexing only the rows that name an
    // invoice keeps this index ~20x smaller at 1M sets and spares every set-level insert.
    index("timeline_events_invoice_idx").on(t.invoiceId, t.occurredAt).where(sql`invoice_id is not null`),
    // The Overview funnel's link opens and identity checks, without reading every event.
    index("timeline_events_clinic_link_idx")
      .on(t.clinicId, t.occurredAt)
      .where(sql`kind in ('link_opened', 'identity_check')`),
  ],
);

export type TimelineEvent = typeof timelineEvents.$inferSelect;
