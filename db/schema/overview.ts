import { bigint, date, index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { messageChannelEnum } from "./enums";

/**
 * The Overview's day rollups (lib/overview/). Every figure is a count of events (a message
 * sent, a set's first link open, its first identity confirmation, its payment) on the
 * clinic-zone day it happened, so once stored it never changes. Each settle appends the rows
 * of the events between the previous mark and the new one (overview_settled), so a day may
 * have several rows that add up; events after the mark are computed live by the same SQL
 * functions (overview_funnel_days, overview_result_days in migration 0017).
 */
export const overviewFunnelDays = pgTable(
  "overview_funnel_days",
  {
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    day: date("day").notNull(),
    channel: messageChannelEnum("channel").notNull(),
    sent: integer("sent").notNull(),
    delivered: integer("delivered").notNull(),
    linkOpened: integer("link_opened").notNull(),
    identityConfirmed: integer("identity_confirmed").notNull(),
    paid: integer("paid").notNull(),
  },
  (t) => [index("overview_funnel_days_clinic_day_idx").on(t.clinicId, t.day)],
);

/**
 * Per rule set (rule_id null) and per step: sets started / reached on the day (days_to_pay
 * null), and sets paid on the day with the dollars they brought and how many days after the
 * start (or the step's message) they paid, one row per whole number of days, so medians come
 * from these counts.
 */
export const overviewResultDays = pgTable(
  "overview_result_days",
  {
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    day: date("day").notNull(),
    ruleSetId: uuid("rule_set_id").notNull(),
    ruleId: uuid("rule_id"),
    daysToPay: integer("days_to_pay"),
    sets: integer("sets").notNull(),
    paid: integer("paid").notNull(),
    collectedCents: bigint("collected_cents", { mode: "number" }).notNull(),
  },
  // Every column in the key: the results chart sums ~230 rows a day from the index alone
  // (an index-only scan, half the time of visiting the table's pages at 1M sets, bench/).
  (t) => [
    index("overview_result_days_covering_idx").on(
      t.clinicId,
      t.day,
      t.ruleSetId,
      t.ruleId,
      t.daysToPay,
      t.sets,
      t.paid,
      t.collectedCents,
    ),
  ],
);

/**
 * Money received per clinic-zone day. Staff may record a payment received days ago, so
 * here the mark splits payments by when they were recorded (created_at), not received.
 */
export const overviewCollectionDays = pgTable(
  "overview_collection_days",
  {
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    day: date("day").notNull(),
    cents: bigint("cents", { mode: "number" }).notNull(),
  },
  (t) => [index("overview_collection_days_clinic_day_idx").on(t.clinicId, t.day)],
);

/** Events before `settled_before` are in the rollups; later ones are computed live (null: none stored yet). */
export const overviewSettled = pgTable("overview_settled", {
  clinicId: uuid("clinic_id")
    .primaryKey()
    .references(() => clinics.id),
  settledBefore: timestamp("settled_before", { withTimezone: true }),
});

const agingColumns = () => ({
  clinicId: uuid("clinic_id")
    .notNull()
    .references(() => clinics.id),
  day: date("day").notNull(),
  sets: integer("sets").notNull(),
  cents: bigint("cents", { mode: "number" }).notNull(),
});

/**
 * Open balances by the UTC day their sets started (the Overview's aging): the sets with a
 * balance in an open status, and their cents. Changed only by the settle, which folds in the
 * pending changes below; the boundary days are read live (lib/overview/load-aging.ts).
 */
export const overviewAgingDays = pgTable("overview_aging_days", agingColumns(), (t) => [
  primaryKey({ columns: [t.clinicId, t.day] }),
]);

/**
 * What each change of an invoice set did to overview_aging_days, appended by the triggers on
 * invoice_sets (migration 0019) and never updated, so concurrent writers never wait on each
 * other here; the settle moves them into overview_aging_days, readers add the ones left.
 */
export const overviewAgingChanges = pgTable("overview_aging_changes", agingColumns(), (t) => [
  index("overview_aging_changes_clinic_day_idx").on(t.clinicId, t.day),
]);
