import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { messageChannelEnum } from "./enums";

export const ruleSets = pgTable(
  "rule_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Days after the set's start when the cycle ends; at least one day after the last rule. */
    expiryDays: integer("expiry_days").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("rule_sets_id_clinic_key").on(t.id, t.clinicId),
    index("rule_sets_clinic_idx").on(t.clinicId),
    uniqueIndex("rule_sets_one_default_per_clinic_idx").on(t.clinicId).where(sql`is_default and archived_at is null`),
    check("rule_sets_expiry_positive", sql`${t.expiryDays} > 0`),
  ],
);

/** One day of a rule set: the methods used that day and the message they carry. */
export const rules = pgTable(
  "rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    ruleSetId: uuid("rule_set_id").notNull(),
    /** Days after the set's start. One rule per day, so each method runs at most once a day. */
    delayDays: integer("delay_days").notNull(),
    channels: messageChannelEnum("channels").array().notNull(),
    /** "Charge Card": charge the balance (up to the clinic's maximum) to the card on file that day. */
    chargeCard: boolean("charge_card").notNull().default(false),
    title: text("title").notNull(),
    template: text("template").notNull(),
  },
  (t) => [
    unique("rules_id_clinic_key").on(t.id, t.clinicId),
    foreignKey({
      name: "rules_rule_set_fk",
      columns: [t.ruleSetId, t.clinicId],
      foreignColumns: [ruleSets.id, ruleSets.clinicId],
    }).onDelete("cascade"),
    uniqueIndex("rules_rule_set_day_idx").on(t.ruleSetId, t.delayDays),
    check("rules_delay_nonnegative", sql`${t.delayDays} >= 0`),
    check("rules_method_present", sql`cardinality(${t.channels}) > 0 or ${t.chargeCard}`),
  ],
);

export type RuleSet = typeof ruleSets.$inferSelect;
export type Rule = typeof rules.$inferSelect;
